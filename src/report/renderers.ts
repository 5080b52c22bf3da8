import type {Comparison} from '../compare/comparison.js'
import type {DiffReport} from '../diff/diff-report.js'
import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import {comparisonRenderers} from './comparison/renderers.js'
import {diffRenderers} from './diff/renderers.js'
import type {Renderer, ReportFormat} from './renderer.js'
import {resultRenderers} from './result/renderers.js'

/** The documents commands render, by kind; a new kind is one entry here and one in REGISTRY. */
export interface ReportDocuments {
  result: Result
  comparison: Comparison
  diff: DiffReport
}
export type ReportKind = keyof ReportDocuments

const REGISTRY: {[K in ReportKind]: readonly Renderer<ReportDocuments[K]>[]} = {
  result: resultRenderers,
  comparison: comparisonRenderers,
  diff: diffRenderers,
}

export function rendererNames(kind: ReportKind = 'result'): ReportFormat[] {
  return REGISTRY[kind].map((renderer) => renderer.name)
}

export function getRenderer<K extends ReportKind = 'result'>(name: string, kind?: K): Renderer<ReportDocuments[K]> {
  const wanted = kind ?? 'result'
  const renderer = (REGISTRY[wanted] as readonly Renderer<ReportDocuments[K]>[]).find((candidate) => candidate.name === name)
  if (!renderer) {
    throw new InputError(`unknown report format "${name}"; use one of ${rendererNames(wanted).join(', ')}.`)
  }
  return renderer
}

export function hasRenderer(kind: ReportKind, name: ReportFormat): boolean {
  return rendererNames(kind).includes(name)
}
