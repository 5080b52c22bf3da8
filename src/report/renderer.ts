import type {Result} from '../metrics/result.js'

export const REPORT_FORMATS = ['terminal', 'json', 'markdown', 'junit', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  /** Whether ANSI colour codes may be emitted (see `shouldUseColour`). */
  colour: boolean
  /** Terminal columns available; text-only renderers ignore it. */
  width: number
}

/**
 * One output format of one kind of document (a run's result, a comparison, a diff…). Add a
 * format or a kind by adding one file and registering it in `renderers.ts`.
 */
export interface Renderer<T = Result> {
  readonly name: ReportFormat
  render(document: T, options: RenderOptions): string
}
