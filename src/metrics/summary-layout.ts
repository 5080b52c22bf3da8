/**
 * Every figure of the result's `summary` (docs/contracts.md, Result JSON), declared once, in the
 * contract's order, with its role: where a run measures it and how the parts of a split run
 * combine it. The run's counters (`RunCounters`, `StructureCounters`), the empty summary,
 * `summarise` and `mergeSummaries` all walk this layout, so a counter added here is counted,
 * reported, templated and merged without a second list to keep in step.
 */
import type {Summary} from './result.js'

/** A counter of RunMetrics.counters, incremented on the hot path; parts sum. */
export interface CountRule<Name extends string = string> {
  readonly role: 'count'
  readonly counter: Name
}

/** A data-structure operation counter of RunMetrics.structures; parts sum. */
export interface StructureRule<Name extends string = string> {
  readonly role: 'structure'
  readonly counter: Name
}

/** Failed cache commands of one kind (RunMetrics.errorsByKind); parts sum. */
export interface ErrorKindRule {
  readonly role: 'errorKind'
  readonly kind: 'timeout' | 'connection' | 'server'
}

/**
 * A figure a run measures beside its counters; parts sum. `peak`: each part has its own simulated
 * origin and their peaks need not coincide, so the sum is an upper bound.
 */
export interface TallyRule {
  readonly role: 'tally'
  readonly source: 'originPeak' | 'wastedWrites'
}

/**
 * What the target's server counted while measurement ran (`delta`) or holds at the end
 * (`state`, null where the target cannot tell). The builtin target gives each part its own
 * engine, so parts sum; a real server is shared by the parts, each of which saw the whole
 * server's counters move, so those take the largest part's.
 */
export type ServerRule = {readonly role: 'serverDelta'; readonly stat: 'evictions' | 'expirations'} | {readonly role: 'serverState'; readonly stat: 'items' | 'bytes'}

/** A statistic of a time histogram; parts merge the histograms and read it again. */
export interface StatRule {
  readonly role: 'stat'
  readonly histogram: 'staleness' | 'originQueue'
  readonly stat: 'p50' | 'p99' | 'max' | 'mean'
  /** The population the statistic is over: with none, the stored 0 is no measurement. */
  readonly population: (summary: Summary) => number
}

/**
 * A figure computed from other figures of the summary, for a run and for merged parts alike
 * (ratios are recomputed from summed counts, never averaged). `population` is the denominator:
 * when it is 0 the stored value is no measurement.
 */
export interface DerivedRule {
  readonly role: 'derived'
  /** What values it can take: a ratio within 0..1, a rate ≥ 0, or a share saved, at most 1 (negative when more was spent than saved). */
  readonly range: 'ratio' | 'rate' | 'atMostOne'
  readonly compute: (summary: Summary, durationMs: number) => number
  readonly population: (summary: Summary) => number
}

export type LeafRule = CountRule | StructureRule | ErrorKindRule | TallyRule | ServerRule | StatRule | DerivedRule

/** One rule per figure of `Summary`: a compile error when the contract gains a field without one. */
export type LayoutOf<Shape> = {
  readonly [Key in keyof Shape]-?: Shape[Key] extends number | null ? LeafRule : LayoutOf<Shape[Key]>
}

const count = <Name extends string>(counter: Name): CountRule<Name> => ({role: 'count', counter})
const structure = <Name extends string>(counter: Name): StructureRule<Name> => ({role: 'structure', counter})
const errorKind = (kind: ErrorKindRule['kind']): ErrorKindRule => ({role: 'errorKind', kind})
const tally = (source: TallyRule['source']): TallyRule => ({role: 'tally', source})
const serverDelta = (stat: 'evictions' | 'expirations'): ServerRule => ({role: 'serverDelta', stat})
const serverState = (stat: 'items' | 'bytes'): ServerRule => ({role: 'serverState', stat})
const derived = (range: DerivedRule['range'], compute: DerivedRule['compute'], population: DerivedRule['population']): DerivedRule => ({role: 'derived', range, compute, population})
const ratio = (part: (summary: Summary) => number, whole: (summary: Summary) => number): DerivedRule =>
  derived('ratio', (summary) => {
    const of = whole(summary)
    return of === 0 ? 0 : part(summary) / of
  }, whole)

function stats<Stat extends StatRule['stat']>(
  histogram: StatRule['histogram'],
  names: readonly Stat[],
  population: StatRule['population'],
): Record<Stat, StatRule> {
  return Object.fromEntries(names.map((stat): [Stat, StatRule] => [stat, {role: 'stat', histogram, stat, population}])) as Record<Stat, StatRule>
}

const reads = (summary: Summary): number => summary.reads

export const SUMMARY_LAYOUT = {
  operations: count('operations'),
  /** Operations per second of the measured span. */
  throughput: derived('rate', (summary, durationMs) => (durationMs > 0 ? (summary.operations * 1000) / durationMs : 0), (summary) => summary.operations),
  errors: count('errors'),
  errorsByKind: {timeout: errorKind('timeout'), connection: errorKind('connection'), server: errorKind('server')},
  reads: count('reads'),
  writes: count('writes'),
  deletes: count('deletes'),
  hits: count('hits'),
  misses: count('misses'),
  hitRatio: ratio((summary) => summary.hits, (summary) => summary.hits + summary.misses),
  staleReads: count('staleReads'),
  staleRatio: ratio((summary) => summary.staleReads, reads),
  stalenessMs: stats('staleness', ['p50', 'p99', 'max', 'mean'], reads),
  origin: {
    reads: count('originReads'),
    writes: count('originWrites'),
    readsAvoided: derived('atMostOne', (summary) => (summary.reads === 0 ? 0 : 1 - summary.origin.reads / summary.reads), reads),
    peakConcurrency: tally('originPeak'),
    /** Origin reads of a key while another origin read of the same key was in flight. */
    duplicateReads: count('duplicateOriginReads'),
    /** Background refreshes (refresh-ahead). */
    refreshes: count('refreshes'),
    /** Writes folded into a later write of the same key before reaching the origin (write-behind). */
    writesCoalesced: count('writesCoalesced'),
    /** Writes acknowledged but not yet sent to the origin when the load ended (write-behind). */
    writesPending: count('writesPending'),
    /** Writes acknowledged but never to reach the origin, lost with a failed cache node (write-behind). */
    writesLost: count('writesLost'),
    queuedMs: stats('originQueue', ['p50', 'p99', 'max'], (summary) => summary.origin.reads + summary.origin.writes),
  },
  cache: {
    sets: count('cacheSets'),
    deletes: count('cacheDeletes'),
    evictions: serverDelta('evictions'),
    expirations: serverDelta('expirations'),
    wastedWrites: tally('wastedWrites'),
    /** Lease gets told to wait because another caller was filling the key. */
    leaseWaits: count('leaseWaits'),
    /** Sets refused because a write voided their lease: stale sets prevented. */
    leaseSetsRefused: count('leaseSetsRefused'),
    items: serverState('items'),
    bytes: serverState('bytes'),
  },
  structures: {
    /** hgetall that found the hash; first, where runs have always reported it. */
    hgetallHits: structure('hgetallHits'),
    zincrby: structure('zincrby'),
    zrevrange: structure('zrevrange'),
    zrank: structure('zrank'),
    hset: structure('hset'),
    hgetall: structure('hgetall'),
    expire: structure('expire'),
    lpush: structure('lpush'),
    lrange: structure('lrange'),
    hgetallHitRatio: ratio((summary) => summary.structures.hgetallHits, (summary) => summary.structures.hgetall),
  },
} as const satisfies LayoutOf<Omit<Summary, 'messaging'>>

/** The names of the counters of one role found anywhere in a layout. */
type CountersIn<Layout, Rule> = Layout extends Rule
  ? Layout extends {counter: infer Name}
    ? Name
    : never
  : Layout extends LeafRule
    ? never
    : {[Key in keyof Layout]: CountersIn<Layout[Key], Rule>}[keyof Layout]

export type CounterName = CountersIn<typeof SUMMARY_LAYOUT, CountRule>
export type StructureCounterName = CountersIn<typeof SUMMARY_LAYOUT, StructureRule>

/** What a run counts as operations complete: one plain number per counter of the layout. */
export type RunCounters = Record<CounterName, number>
/** Data-structure operations counted during a run; the summary adds the ratio. */
export type StructureCounters = Record<StructureCounterName, number>

export interface LayoutLeaf {
  path: readonly string[]
  rule: LeafRule
}

/** Every figure of the layout with its path, in the contract's order. */
export const SUMMARY_LEAVES: readonly LayoutLeaf[] = leavesOf(SUMMARY_LAYOUT, [])

function leavesOf(layout: object, prefix: readonly string[]): LayoutLeaf[] {
  const leaves: LayoutLeaf[] = []
  for (const [key, node] of Object.entries(layout) as [string, object][]) {
    const path = [...prefix, key]
    if ('role' in node) leaves.push({path, rule: node as LeafRule})
    else leaves.push(...leavesOf(node, path))
  }
  return leaves
}

const COUNTER_NAMES = counterNames('count') as readonly CounterName[]
const STRUCTURE_COUNTER_NAMES = counterNames('structure') as readonly StructureCounterName[]

function counterNames(role: 'count' | 'structure'): string[] {
  return SUMMARY_LEAVES.flatMap(({rule}) => (rule.role === role ? [rule.counter] : []))
}

/**
 * A zero for every counter. Built in the same order every time, so every RunMetrics' counters
 * share one object shape and `counters.staleReads++` stays a plain property increment.
 */
export function emptyRunCounters(): RunCounters {
  return zeroes(COUNTER_NAMES)
}

/** A zero for every data-structure operation, and for the hits of hgetall. */
export function emptyStructureCounters(): StructureCounters {
  return zeroes(STRUCTURE_COUNTER_NAMES)
}

function zeroes<Name extends string>(names: readonly Name[]): Record<Name, number> {
  const counters = {} as Record<Name, number>
  for (const name of names) counters[name] = 0
  return counters
}

/**
 * Builds a summary leaf by leaf, in the layout's order, from a value for each rule that is not
 * derived; derived figures are filled in afterwards from the figures they are computed from.
 */
export function buildSummary(valueOf: (rule: Exclude<LeafRule, DerivedRule>) => number | null, durationMs: number): Summary {
  const summary: Record<string, unknown> = {}
  for (const {path, rule} of SUMMARY_LEAVES) {
    setPath(summary, path, rule.role === 'derived' ? 0 : valueOf(rule))
  }
  const built = summary as unknown as Summary
  for (const {path, rule} of SUMMARY_LEAVES) {
    if (rule.role === 'derived') setPath(summary, path, rule.compute(built, durationMs))
  }
  return built
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: number | null): void {
  let node = root
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>
  node[path[path.length - 1]] = value
}
