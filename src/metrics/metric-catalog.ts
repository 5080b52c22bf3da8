import {strategyUsesCache, strategyUsesOrigin} from '../strategies/strategy-parts.js'
import {LATENCY_NAMES, type LatencySummary, type Result} from './result.js'
import {SUMMARY_LEAVES} from './summary-layout.js'
import {emptyLatencySummary, emptyMessagingSummary, emptySummary} from './summary-template.js'

/** `ms`: a time (durations accepted); `ratio`: 0..1 (percentages accepted); `number`: anything else. */
export type MetricUnit = 'ms' | 'ratio' | 'number'

export type MeasuredResult = Omit<Result, 'thresholds'>

export interface MetricDefinition {
  readonly name: string
  readonly unit: MetricUnit
  /** The measured value, or null when the run did not measure it. */
  read(result: MeasuredResult): number | null
}

/**
 * Summary figures that are quotients or statistics over some population (SUMMARY_LAYOUT says
 * which); with an empty population the stored number (often 0) would be an invented value, so
 * they read as null.
 */
const POPULATION_OF = new Map(
  SUMMARY_LEAVES.flatMap(({path, rule}) => ('population' in rule ? [[path.join('.'), rule.population] as const] : [])),
)

/**
 * Ratios that only mean something where the strategy uses that part: a hit ratio without a cache
 * (`none`), and the origin's offload and staleness without an origin (`cache-only`, whose 100%
 * offload and 0% stale say only that it has none). They read as null there, as unmeasured.
 */
const PART_OF: ReadonlyMap<string, 'cache' | 'origin'> = new Map([
  ['hitRatio', 'cache'],
  ['origin.readsAvoided', 'origin'],
  ['staleRatio', 'origin'],
  ...['p50', 'p99', 'max', 'mean'].map((stat): [string, 'origin'] => [`stalenessMs.${stat}`, 'origin']),
])

function partMissing(name: string, result: MeasuredResult): boolean {
  const part = PART_OF.get(name)
  if (part === undefined) return false
  return part === 'cache' ? !strategyUsesCache(result.strategy.name) : !strategyUsesOrigin(result.strategy.name)
}

const STAT_ALIASES: Record<string, string> = {'p99.9': 'p999'}
const ACCEPTED_PREFIXES = ['summary.', 'latencyMs.']

const catalog = buildCatalog()

/** Every canonical metric name, summary paths first, then `<latency name>.<stat>`. */
export function metricNames(): readonly string[] {
  return [...catalog.keys()]
}

/** Looks a metric up by name, accepting aliases (`read.p99.9`, `summary.hitRatio`). */
export function findMetric(name: string): MetricDefinition | undefined {
  return catalog.get(canonicalMetricName(name))
}

export function canonicalMetricName(name: string): string {
  let canonical = name.trim()
  for (const prefix of ACCEPTED_PREFIXES) {
    if (canonical.startsWith(prefix)) canonical = canonical.slice(prefix.length)
  }
  for (const [alias, stat] of Object.entries(STAT_ALIASES)) {
    if (canonical.endsWith(`.${alias}`)) canonical = `${canonical.slice(0, -alias.length)}${stat}`
  }
  return canonical
}

function buildCatalog(): Map<string, MetricDefinition> {
  const metrics = new Map<string, MetricDefinition>()
  for (const path of [...numericLeafPaths(emptySummary()), ...numericLeafPaths(emptyMessagingSummary(), ['messaging'])]) {
    metrics.set(path.join('.'), summaryMetric(path))
  }
  const stats = Object.keys(emptyLatencySummary()) as (keyof LatencySummary)[]
  for (const latencyName of LATENCY_NAMES) {
    for (const stat of stats) {
      const name = `${latencyName}.${stat}`
      metrics.set(name, {
        name,
        unit: stat === 'count' ? 'number' : 'ms',
        read(result) {
          const latency = result.latencyMs[latencyName]
          if (stat === 'count') return latency?.count ?? 0
          if (!latency || latency.count === 0) return null
          return finiteOrNull(latency[stat])
        },
      })
    }
  }
  return metrics
}

function summaryMetric(path: readonly string[]): MetricDefinition {
  const name = path.join('.')
  const population = POPULATION_OF.get(name)
  return {
    name,
    unit: unitOfSummaryPath(path),
    read(result) {
      if ((population && population(result.summary) === 0) || partMissing(name, result)) return null
      let node: unknown = result.summary
      for (const key of path) node = (node as Record<string, unknown> | null | undefined)?.[key]
      return typeof node === 'number' ? finiteOrNull(node) : null
    },
  }
}

/** The result's naming convention carries the unit: `…Ms` objects hold times, `…Ratio` fields ratios. */
function unitOfSummaryPath(path: readonly string[]): MetricUnit {
  if (path.some((key) => key.endsWith('Ms'))) return 'ms'
  const leaf = path[path.length - 1]
  if (leaf.endsWith('Ratio') || leaf === 'readsAvoided') return 'ratio'
  return 'number'
}

function numericLeafPaths(node: object, prefix: string[] = []): string[][] {
  const paths: string[][] = []
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'number' || value === null) paths.push([...prefix, key])
    else if (typeof value === 'object') paths.push(...numericLeafPaths(value, [...prefix, key]))
  }
  return paths
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}
