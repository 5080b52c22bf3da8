/**
 * The workload after loading: defaults filled in, units resolved (milliseconds, bytes,
 * operations per second), aliases replaced by canonical names, mix weights normalised.
 * Everything below src/workload consumes this shape, never the raw file.
 */

export const DISTRIBUTION_NAMES = [
  'uniform',
  'zipfian',
  'scrambled-zipfian',
  'hotspot',
  'latest',
  'sequential',
  'exponential',
] as const
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number]

export interface KeyspaceSpec {
  count: number
  distribution: DistributionName
  /** Skew of the zipfian family, 0 < theta < 1 (YCSB's constant is 0.99). */
  theta: number
  hotspot: {hotFraction: number; hotOpFraction: number}
  /** Rate parameter of `exponential`: the fraction of keys that receive ~95% of operations. */
  exponential: {percentile: number; fraction: number}
  /** Only the keys of this spatial sample are drawn (miniature simulation, set by `mrc --sample`; not a workload field). */
  sample?: {rate: number}
}

export type ValueSizeSpec =
  | {distribution: 'fixed'; bytes: number}
  | {distribution: 'uniform'; minBytes: number; maxBytes: number}
  | {distribution: 'normal'; meanBytes: number; stddevBytes: number; minBytes: number; maxBytes: number}

export const OPERATION_KINDS = ['read', 'write', 'delete'] as const
export type OperationKind = (typeof OPERATION_KINDS)[number]

/**
 * Operations on Redis data structures (leaderboards, session hashes, capped feeds); each acts on
 * the structure named in the `structures` section rather than on a cached copy of an origin key.
 */
export const STRUCTURE_OPERATION_KINDS = ['zincrby', 'zrevrange', 'zrank', 'hset', 'hgetall', 'expire', 'lpush', 'lrange'] as const
export type StructureOperationKind = (typeof STRUCTURE_OPERATION_KINDS)[number]

/** Everything the mix can draw. */
export const MIX_KINDS = [...OPERATION_KINDS, ...STRUCTURE_OPERATION_KINDS] as const
export type MixKind = (typeof MIX_KINDS)[number]

/**
 * Fractions that sum to 1. Structure operations appear only when their weight is positive, so a
 * workload without them loads exactly as it always did.
 */
export type MixSpec = Record<OperationKind, number> & Partial<Record<StructureOperationKind, number>>

/**
 * The structure operations a mix draws (positive weight), in the canonical order. Here rather
 * than beside the mix's schema, so that a run (a worker thread's, say) does not load the schema
 * library to ask.
 */
export function structureOperationsOf(mix: MixSpec): StructureOperationKind[] {
  return STRUCTURE_OPERATION_KINDS.filter((kind) => (mix[kind] ?? 0) > 0)
}

/** Every mix a workload draws from: its own, and each phase's. */
export function mixesOf(workload: Pick<Workload, 'mix' | 'phases'>): MixSpec[] {
  return [workload.mix, ...(workload.phases ?? []).map((phase) => phase.mix)]
}

export interface SortedSetsSpec {
  /** Leaderboards; each operation picks one uniformly. */
  keys: number
  /** Members per board, chosen by the keyspace distribution over this count. */
  members: number
  /** How many entries `zrevrange` reads from the top. */
  top: number
  /** Score added by each `zincrby`. */
  increment: number
}

export interface HashesSpec {
  /** Fields per session hash; each `hset` writes one, chosen uniformly. */
  fields: number
  /** Time to live that `expire` sets on a session hash. */
  ttlMs: number
}

export interface ListsSpec {
  /** Capped lists (feeds); each operation picks one uniformly. */
  keys: number
  /** `lpush` trims the list to this many entries. */
  maxLength: number
  /** How many entries `lrange` reads from the head. */
  range: number
}

/** Parameters of the structure operations; read only when the mix uses them. */
export interface StructuresSpec {
  sortedSets: SortedSetsSpec
  hashes: HashesSpec
  lists: ListsSpec
}

export const STRATEGY_NAMES = ['none', 'lazy-loading', 'write-through', 'cache-only', 'write-behind', 'refresh-ahead'] as const
export type StrategyName = (typeof STRATEGY_NAMES)[number]

export interface StrategySpec {
  name: StrategyName
  ttlMs: number | null
  /** Each TTL is drawn uniformly from ttl × [1 − jitter, 1 + jitter]. */
  ttlJitter: number
  invalidateOnWrite: boolean
  /** write-behind: how long a write waits before it is flushed to the origin (repeated writes to the key in that time coalesce). */
  flushDelayMs: number
  /** refresh-ahead: a hit with less than this fraction of its TTL left refreshes the entry in the background. */
  refreshAt: number
  /** Stampede protection: concurrent misses on one key in this process share one origin read. */
  singleFlight: boolean
  /** Stampede protection: memcached-style leases (one filler per key; a delete voids the lease); null when off. */
  lease: LeaseSpec | null
}

export interface LeaseSpec {
  /** How long a reader told "someone else is filling this key" waits before it tries again. */
  retryAfterMs: number
  /** A lease nobody redeemed lapses after this long, so a filler that died does not block the key. */
  timeoutMs: number
}

export type LatencySpec =
  | {distribution: 'fixed'; ms: number}
  | {distribution: 'uniform'; minMs: number; maxMs: number}
  | {distribution: 'lognormal'; medianMs: number; p99Ms: number}

export interface OriginSpec {
  latency: LatencySpec
  /** Separate write latency; the read latency model when absent. */
  writeLatency: LatencySpec | null
  concurrency: number
}

/** The exact policies of the `ideal` engine model. */
export const EVICTION_POLICY_NAMES = ['lru', 'lfu', 'fifo', 'sieve', 's3-fifo', '2q', 'arc', 'w-tinylfu'] as const
export type EvictionPolicyName = (typeof EVICTION_POLICY_NAMES)[number]

/** What the builtin engine stands for: exact policies, or a model of a real node at equal memory. */
export const MODEL_NAMES = ['ideal', 'memcached', 'redis'] as const
export type ModelName = (typeof MODEL_NAMES)[number]

/** Whether a name (a URL parameter, say) is one of the engine models. */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name)
}

/** memcached ≥ 1.5 evicts with its segmented LRU; it has no other policy. */
export const MEMCACHED_EVICTION_NAMES = ['segmented-lru'] as const
/** maxmemory-policy values, as redis.conf spells them. */
export const REDIS_EVICTION_NAMES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const

export const MODEL_EVICTIONS = {
  ideal: EVICTION_POLICY_NAMES,
  memcached: MEMCACHED_EVICTION_NAMES,
  redis: REDIS_EVICTION_NAMES,
} as const

/** Each model's eviction when the workload names none: the server's own default (redis.conf: noeviction). */
export const DEFAULT_EVICTION = {ideal: 'lru', memcached: 'segmented-lru', redis: 'noeviction'} as const

export const ENGINE_EVICTION_NAMES = [...EVICTION_POLICY_NAMES, ...MEMCACHED_EVICTION_NAMES, ...REDIS_EVICTION_NAMES] as const
export type EngineEvictionName = (typeof ENGINE_EVICTION_NAMES)[number]

export interface CacheSpec {
  /** ideal when the workload names none. */
  model: ModelName
  maxItems: number | null
  /** memcached `-m` / redis `maxmemory` for the server models. */
  capacityBytes: number | null
  /** One of MODEL_EVICTIONS[model]. */
  eviction: EngineEvictionName
  /** Modelled latency of one cache command on the builtin target (e.g. a network hop). */
  latency: LatencySpec
}

export type WarmupSpec = {operations: number} | {durationMs: number}

export const ARRIVAL_NAMES = ['constant', 'poisson'] as const
export type ArrivalName = (typeof ARRIVAL_NAMES)[number]

export interface LoadSpec {
  /** Closed loop: operations in flight at once. Unused in an open loop (`rate` set). */
  concurrency: number
  /** Open loop: operations started per second whatever the completions; null = closed loop. */
  rate: number | null
  /** Open loop: evenly spaced starts, or a Poisson process with that mean rate. */
  arrival: ArrivalName
  /** Open loop: operations in flight beyond which a due start is dropped (and counted). */
  maxInFlight: number
  /** Total operations, warm-up included (so warm-up < operations). Exactly one of operations / durationMs is set. */
  operations: number | null
  durationMs: number | null
  /** The first operations (or the first span of time) of the load, excluded from every figure. */
  warmup: WarmupSpec
}

/** A rate that may change linearly across a phase (equal ends for a steady rate), in operations per second. */
export interface RateRamp {
  from: number
  to: number
}

/**
 * One stretch of a phased run, with the workload's settings as they apply during it: a phase's
 * own overrides, the workload's values elsewhere.
 */
export interface PhaseSpec {
  name: string
  durationMs: number
  /** Open loop: intended starts per second across the phase; null in a closed loop. */
  rate: RateRamp | null
  /** Closed loop: operations in flight; null in an open loop. */
  concurrency: number | null
  mix: MixSpec
  keyspace: KeyspaceSpec
  /** Hot-key shift, in keys: the key the distribution picks, k, becomes (k + rotate) mod count. */
  rotate: number
}

export const EVENT_ACTIONS = ['node-failure', 'scale-out', 'scale-in', 'flush', 'failover'] as const
export type EventAction = (typeof EVENT_ACTIONS)[number]

/** Something done to the cache at a point of the run (`events:`): a failure, a resize, a flush. */
export interface EventSpec {
  /** Milliseconds since the run started, warm-up included. */
  atMs: number
  action: EventAction
  /** node-failure, scale-in: index of the node among those serving at that moment (0-based). */
  node?: number
  /** node-failure on real servers: a shell command that fails the node, run instead of a flush. */
  command?: string
}

export const TRACE_FORMAT_NAMES = ['twitter', 'meta-kv', 'oracle-general', 'redis-monitor', 'memcached-watch', 'csv'] as const
export type TraceFormatName = (typeof TRACE_FORMAT_NAMES)[number]

/** A workload driven by a cache trace (`trace:`); keyspace, values and mix then describe the trace. */
export interface TraceSpec {
  /** Path of the trace, resolved against the workload file's folder when loaded from a file. */
  file: string
  format: TraceFormatName
  /** null: the trace's own pacing when it has timestamps, back to back when it has none. */
  speed: number | 'max' | null
  skipBadRecords: number
  /** The whole trace is replayed once (neither load.operations nor load.duration was given). */
  wholeTrace: boolean
  /** What a first pass found, once the trace has been read (src/trace/describe-trace.ts). */
  traits?: TraceTraits
}

/** Facts of a trace that decide whether its miss-ratio curve can come from stack distances. */
export interface TraceTraits {
  /** Some write gives a TTL. */
  ttls: boolean
  /** Some key is given a size other than its first one, or one only after it was first requested without. */
  resizes: boolean
  /**
   * Requests per second as the replay paces them: the trace's arrivals over its time span, times
   * `speed`; null back to back, or when the format carries no times or all share one.
   */
  requestsPerSec: number | null
}

/** Who a `disconnect` event takes away: Pub/Sub subscribers or stream consumers. */
export const DISCONNECT_ROLES = ['subscriber', 'consumer'] as const
export type DisconnectRole = (typeof DISCONNECT_ROLES)[number]

/** A messaging event: `count` receivers of a role lose their connection at `atMs` and come back after `forMs`. */
export interface DisconnectSpec {
  /** Milliseconds since the run started, warm-up included. */
  atMs: number
  role: DisconnectRole
  /** How many of them (the first `count`: subscribers 0..count-1, consumers in group order). */
  count: number
  /** How long they stay away before reconnecting; null: they do not come back within the run. */
  forMs: number | null
}

/** Pub/Sub: PUBLISH (or SPUBLISH) fan-out to subscribers on their own connections. */
export interface PubSubSpec {
  subscribers: number
  /** Subscribers PSUBSCRIBE one pattern matching every channel instead of SUBSCRIBE-ing each. */
  patterns: boolean
  /** Redis Cluster ≥ 7: SPUBLISH / SSUBSCRIBE on the node owning each channel's slot. */
  sharded: boolean
  /** Channels each subscriber listens to (consecutive, starting at subscriber × this, wrapping); null: every channel. */
  channelsPerSubscriber: number | null
}

/** Streams: XADD with MAXLEN ~, consumer groups reading with XREADGROUP … BLOCK and acknowledging with XACK. */
export interface StreamsSpec {
  /** Approximate cap of each stream (XADD MAXLEN ~). */
  maxlen: number
  groups: number
  consumersPerGroup: number
  /** XREADGROUP BLOCK, in ms. */
  blockMs: number
}

/**
 * `messaging:` — a Pub/Sub or Streams workload instead of a cache workload. Its pacing lives in
 * `load` like any other workload's: publish.rate is load.rate (open loop), publish.publishers is
 * load.concurrency (closed loop: publishers each waiting for their previous message's reply).
 */
export interface MessagingSpec {
  /** Which channel (or stream) each message goes to: count and distribution as the keyspace's. */
  channels: KeyspaceSpec
  /** Bytes of each message, header included (at least the header). */
  payloadBytes: number
  /** Publisher connections; in an open loop the due messages are spread over them in turn. */
  publishers: number
  /** Exactly one of pubsub / streams is non-null. */
  pubsub: PubSubSpec | null
  streams: StreamsSpec | null
  /** Receiver disconnect-and-reconnect events from `events:`, in the order given. */
  disconnects: DisconnectSpec[]
}

export interface Workload {
  version: 1
  name: string
  description: string | null
  seed: number
  keyspace: KeyspaceSpec
  values: ValueSizeSpec
  mix: MixSpec
  structures: StructuresSpec
  strategy: StrategySpec
  origin: OriginSpec
  cache: CacheSpec
  load: LoadSpec
  thresholds: string[]
  /**
   * Present only for a phased run, whose length is then the sum of the phase durations
   * (load.durationMs holds it, load.operations is null).
   */
  phases?: PhaseSpec[]
  /** Present only when the workload has events, in the order given. */
  events?: EventSpec[]
  /** Present only when the workload replays a trace. */
  trace?: TraceSpec
  /** Present only for a Pub/Sub or Streams workload; keyspace, mix, strategy and origin are then unused. */
  messaging?: MessagingSpec
  /** Where it came from: a path, or null when built in code. */
  file: string | null
}

/**
 * Largest Zipf exponent accepted. Published cache traces reach about 2.7 (Twitter's clusters:
 * 1.07–2.68); at 10 the hottest key already takes 99.9% of the draws.
 */
export const MAX_THETA = 10
