import type {Comparison} from '../compare/comparison.js'
import type {DiffReport} from '../diff/diff-report.js'
import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import type {MrcResult} from '../mrc/mrc-result.js'
import type {PlanResult} from '../plan/plan-result.js'
import {comparisonRenderers} from './comparison/renderers.js'
import {diffRenderers} from './diff/renderers.js'
import {mrcRenderers} from './mrc/renderers.js'
import {planRenderers} from './plan/renderers.js'
import type {Renderer, ReportFormat} from './renderer.js'
import {resultRenderers} from './result/renderers.js'

/** The documents commands render, by kind; a new kind is one entry here and one in REGISTRY. */
export interface ReportDocuments {
  result: Result
  comparison: Comparison
  diff: DiffReport
  mrc: MrcResult
  plan: PlanResult
}
export type ReportKind = keyof ReportDocuments

const REGISTRY: {[K in ReportKind]: readonly Renderer<ReportDocuments[K]>[]} = {
  result: resultRenderers,
  comparison: comparisonRenderers,
  diff: diffRenderers,
  mrc: mrcRenderers,
  plan: planRenderers,
}

/** The commands that render each kind of document, as messages name them. */
const COMMANDS: {[K in ReportKind]: string[]} = {result: ['run', 'merge'], comparison: ['compare'], diff: ['diff'], mrc: ['mrc'], plan: ['plan']}

export function rendererNames(kind: ReportKind = 'result'): ReportFormat[] {
  return REGISTRY[kind].map((renderer) => renderer.name)
}

export function getRenderer<K extends ReportKind = 'result'>(name: string, kind?: K): Renderer<ReportDocuments[K]> {
  const wanted = kind ?? 'result'
  const renderer = (REGISTRY[wanted] as readonly Renderer<ReportDocuments[K]>[]).find((candidate) => candidate.name === name)
  if (!renderer) {
    const formats = rendererNames(wanted).join(', ')
    // JUnit is a list of pass/fail test cases: only documents that carry checks have one.
    if (name === 'junit') throw new InputError(`JUnit reports the pass/fail checks (thresholds, gates) of ${junitCommands()}; ${COMMANDS[wanted].join(' and ')} has none, so use one of ${formats}.`)
    throw new InputError(`unknown report format "${name}"; use one of ${formats}.`)
  }
  return renderer
}

export function hasRenderer(kind: ReportKind, name: ReportFormat): boolean {
  return rendererNames(kind).includes(name)
}

function junitCommands(): string {
  const commands = (Object.keys(REGISTRY) as ReportKind[]).filter((kind) => hasRenderer(kind, 'junit')).flatMap((kind) => COMMANDS[kind])
  return `${commands.slice(0, -1).join(', ')} and ${commands.at(-1)}`
}
