import type {Result} from '../metrics/result.js'

export interface RenderOptions {
  /** Whether ANSI colour codes may be emitted (see `shouldUseColour`). */
  colour: boolean
  /** Terminal columns available; text-only renderers ignore it. */
  width: number
}

/** One output format. Add a format by adding one file and registering it in `renderers.ts`. */
export interface Renderer {
  readonly name: string
  render(result: Result, options: RenderOptions): string
}
