/**
 * The result document, `cache-bench.result/v1` (docs/contracts.md, Result JSON). Field names and units are a
 * contract with pipelines: add beside them, never rename. Latencies in milliseconds, ratios 0..1.
 */
import type {TraceSummary} from '../trace/trace-replay.js'
import type {CacheSpec} from '../workload/types.js'
import type {EventLoopDelay} from './event-loop-monitor.js'

export const RESULT_SCHEMA = 'cache-bench.result/v1'

export interface LatencySummary {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  p999: number
  max: number
  min: number
}

/** Application-level operations and the steps they are made of. */
export const LATENCY_NAMES = [
  'read',
  'write',
  'delete',
  'cache.get',
  'cache.set',
  'cache.delete',
  'origin.read',
  'origin.write',
  // Redis data-structure operations: one command each (lpush: LPUSH + LTRIM in one transaction).
  'zincrby',
  'zrevrange',
  'zrank',
  'hset',
  'hgetall',
  'expire',
  'lpush',
  'lrange',
  // Messaging workloads: from a message's intended publish time to its receipt, per receiver.
  'delivery',
] as const
export type LatencyName = (typeof LATENCY_NAMES)[number]

export interface LoadOutcome {
  /** `closed`: a fixed number of operations in flight; `open`: starts at a fixed rate. */
  mode: 'closed' | 'open'
  concurrency: number
  /** Open loop: intended starts per second. */
  rate: number | null
  /** Operations issued, warm-up included. */
  operations: number
  warmupOperations: number
  /** Open loop: measured starts skipped because maxInFlight operations were in flight. */
  dropped: number
  /** Open loop: measured starts more than 1 ms behind their intended time. */
  lateStarts: number
}

/**
 * One histogram in a form that merges exactly: HDR's compressed base64 encoding of the values as
 * recorded (integer nanoseconds, 3 significant digits), with the exact count, sum, min and max.
 */
export interface EncodedHistogram {
  count: number
  sumMs: number
  minMs: number
  maxMs: number
  hdr: string
}

/**
 * What `cache-bench merge` needs to combine results exactly. `latency` and `serviceTime` are
 * keyed as `latencyMs` and `serviceTimeMs`; only histograms with values are present.
 */
export interface ResultHistograms {
  latency: Partial<Record<LatencyName, EncodedHistogram>>
  serviceTime: Partial<Record<'read' | 'write' | 'delete', EncodedHistogram>>
  staleness?: EncodedHistogram
  originQueued?: EncodedHistogram
  /** One entry per `timeline[]` point: its exact counts and its read latencies. */
  timeline: TimelineCounts[]
}

/** The counts behind one timeline point's ratios, so intervals of several parts add up exactly. */
export interface TimelineCounts {
  reads: number
  hits: number
  staleReads: number
  originReads: number
  read?: EncodedHistogram
}

/** Which part of a workload a result covers: `--shard index/count` (1-based). */
export interface ShardInfo {
  index: number
  count: number
  /** Digest of the workload as run; results of different workloads are never merged. */
  workloadDigest: string
}

/** One of the workload's `events:` as it happened. */
export interface EventOutcome {
  action: string
  /** When it was due: ms since the run started, warm-up included (the workload's `at`). */
  atMs: number
  /** When it started on the timeline's axis (ms since measurement began); null during the warm-up. */
  timelineMs: number | null
  /** How long carrying it out took (a flush, a shell command, a promotion and reconnect). */
  tookMs: number
  /** node-failure, scale-in: the index given (or defaulted) and the node's name; scale-out: the new node. */
  node?: number
  nodeName?: string
  /** Nodes serving once it was over. */
  nodes?: number
  /** node-failure by command: the command's exit code (null when it was killed). */
  exitCode?: number | null
  /** Action-specific figures: entriesLost, keysRemapped (share of the keyspace that moved)… */
  details?: Record<string, number | string>
  failover?: FailoverOutcome
  /** Why it failed; the run went on without it. */
  error?: string
}

/** A Redis failover: what the application saw while it switched to the promoted replica. */
export interface FailoverOutcome {
  /** host:port of the promoted replica. */
  newPrimary: string
  /** Cache commands that failed from the start of the failover to the first success after it, and every command sent to the old primary that failed. */
  errorsDuringSwitch: number
  /** From the start of the failover to the first command that succeeded on the new primary; null if none did. */
  msUntilSuccess: number | null
  /**
   * Keys whose last write acknowledged by the old primary is missing or older on the new one
   * when the load has ended (asynchronous replication; a key written again since is not counted).
   */
  acknowledgedWritesLost: number
}

/** `unmeasured`: one side (or both) has no figure for the gate's metric, so there is nothing to judge; the gate fails. */
export type GateVerdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive' | 'unmeasured'

/** One `--fail-on` gate judged on a baseline and a new result. */
export interface GateOutcome {
  expression: string
  metric: string
  /** The baseline's and the new figure (medians over repetitions when both were repeated). */
  base: number | null
  actual: number | null
  /** In the gate's terms: a fraction of the baseline for `+10%`, else the metric's unit. */
  change: number | null
  verdict: GateVerdict
  pass: boolean
  /** Repeated runs: the Mann-Whitney U two-sided p-value and the range of each side's samples. */
  pValue?: number
  noise?: {base: [number, number]; actual: [number, number]}
}

export interface ThresholdOutcome {
  expression: string
  /** The measured value in the expression's unit (ms for latencies), null when not measured. */
  actual: number | null
  pass: boolean
}

/** Measured data-structure operations by kind (failed commands included), and what hgetall found. */
export interface StructureSummary {
  zincrby: number
  zrevrange: number
  zrank: number
  hset: number
  hgetall: number
  expire: number
  lpush: number
  lrange: number
  /** hgetall that found the hash (it exists and has not expired). */
  hgetallHits: number
  /** hgetallHits / hgetall. */
  hgetallHitRatio: number
}

export interface Summary {
  operations: number
  /** Operations per second of (simulated, on the builtin target) run time. */
  throughput: number
  /** Cache commands that failed; the operation went on without the cache (a failed get reads the origin). */
  errors: number
  errorsByKind: {timeout: number; connection: number; server: number}
  reads: number
  writes: number
  deletes: number
  hits: number
  misses: number
  /** hits / (hits + misses): reads answered from cache. */
  hitRatio: number
  staleReads: number
  /** staleReads / reads. */
  staleRatio: number
  stalenessMs: {p50: number; p99: number; max: number; mean: number}
  origin: {
    reads: number
    writes: number
    /** 1 − origin reads / reads. */
    readsAvoided: number
    /** Peak number of origin queries in flight and queued at once. */
    peakConcurrency: number
    /** Origin reads of a key while another origin read of the same key was in flight (a stampede). */
    duplicateReads: number
    /** Background refreshes of entries near expiry (refresh-ahead); included in `reads`. */
    refreshes: number
    /** Writes folded into a later write of the same key before reaching the origin (write-behind). */
    writesCoalesced: number
    /** Acknowledged writes not yet sent to the origin when the load ended (write-behind). */
    writesPending: number
    /** Acknowledged writes that will never reach the origin: lost with a failed cache node (write-behind). */
    writesLost: number
    queuedMs: {p50: number; p99: number; max: number}
  }
  cache: {
    sets: number
    deletes: number
    evictions: number
    expirations: number
    /** Sets never read before an overwrite, delete, eviction or expiry. */
    wastedWrites: number
    /** Lease gets told to wait because another reader was filling the key. */
    leaseWaits: number
    /** Sets refused because a write voided their lease: stale sets prevented. */
    leaseSetsRefused: number
    /** Items and bytes held at the end of the run, where the target can tell. */
    items: number | null
    bytes: number | null
  }
  /** Sorted-set, hash and list operations; all zero when the mix has none. */
  structures: StructureSummary
  /** Messaging workloads only: what was published and what reached each receiver. */
  messaging?: MessagingSummary
}

/**
 * A messaging run's deliveries. A receiver is a Pub/Sub subscriber, or a stream consumer group
 * (each group receives every message once, whichever of its consumers reads it).
 */
export interface MessagingSummary {
  /** `pubsub` or `streams`. */
  kind: 'pubsub' | 'streams'
  /** Messages published in the measured span (PUBLISH, SPUBLISH or XADD that succeeded). */
  published: number
  /** Publishes that failed (counted in summary.errors too). */
  publishErrors: number
  /** Distinct messages received, summed over receivers (a duplicate counts once, in `duplicated`). */
  delivered: number
  /** Receptions of a message the receiver had already received. */
  duplicated: number
  /** Expected deliveries never received: the receiver was live when the message was published. */
  lost: number
  /** Pub/Sub: messages published to a receiver's channels while it was disconnected (at-most-once: never delivered, not counted as lost). */
  missed: number
  /** Σ over published messages of the live receivers of its channel at publish time (streams: messages × groups). */
  expectedDeliveries: number
  /** delivered / published, per second of the measured span. */
  deliveredPerSecond: number
  /** Receivers per PUBLISH as the server replied (Pub/Sub); null where the server reports none (Streams). */
  fanout: {mean: number; max: number} | null
  /** Streams: consumer-group lag (entries not yet delivered to the group), the largest seen and at the end. */
  lag: {max: number; final: number} | null
  /** Streams: entries delivered but not acknowledged at the end (XPENDING). */
  pending: number | null
  /** Streams: entries trimmed by MAXLEN before their group read them. */
  trimmedBeforeRead: number | null
  /** Streams: whether every group had read and acknowledged all there was by the end; null for Pub/Sub. */
  drained: boolean | null
  perReceiver: ReceiverSummary[]
  /** Streams: each consumer group's account at the end, in `perReceiver` order; null for Pub/Sub. */
  groups: StreamGroupSummary[] | null
}

/**
 * One consumer group at the end of a Streams run, from what its consumers received and
 * acknowledged and what the server still holds for it. Like `pending` and `trimmedBeforeRead`,
 * these describe the group over the whole run, warm-up included: the server keeps no other account.
 */
export interface StreamGroupSummary {
  /** `group-0`: its receiver name. */
  name: string
  /** Distinct messages its consumers received. */
  delivered: number
  /** Receptions of a message the group had already received. */
  duplicated: number
  /** XACKs that removed an entry from the pending list. */
  acknowledged: number
  /** Messages published before ones the group received, never received themselves (gaps in the sequences). */
  holes: number
  /** Entries still in the streams after the group's position, never handed to it. */
  unread: number
  /**
   * Published, gone from the stream (MAXLEN ~) before the group was handed them: published −
   * delivered − unread − pending (pending entries a consumer may not have received yet are not
   * counted as trimmed, so with some left pending this is a lower bound).
   */
  trimmedBeforeRead: number
  /** Handed to a consumer, not acknowledged (XPENDING). */
  pending: number
}

export interface ReceiverSummary {
  /** `subscriber-3`, `group-1`. */
  name: string
  /** Channels it listens to (Pub/Sub) or streams its group reads. */
  channels: number
  delivered: number
  duplicated: number
  lost: number
  missed: number
  expected: number
  /** Times its connection dropped (an event, or the server closed it). */
  disconnects: number
  /** Its own delivery latency; null beyond the first PER_RECEIVER_LATENCY_LIMIT receivers (a histogram each would not fit). */
  latencyMs: {p50: number; p99: number; max: number} | null
}

/**
 * One phase of a phased run: the figures of the operations that started in it, in the same
 * shapes as the whole run's. Evictions, expirations and wasted writes count what happened while
 * the phase was the current one.
 */
export interface PhaseResult {
  name: string
  /** Start on the run clock (warm-up included), as the workload's phase durations place it. */
  startMs: number
  /** Measured span of the phase (warm-up excluded; the last phase runs until its operations complete); the throughput's denominator. */
  durationMs: number
  /** Open loop: intended starts per second at the phase's start and end. */
  rate: {from: number; to: number} | null
  /** Closed loop: operations in flight. */
  concurrency: number | null
  summary: Summary
  latencyMs: Partial<Record<LatencyName, LatencySummary>>
  /** Open loop only, as the whole run's. */
  serviceTimeMs?: Partial<Record<'read' | 'write' | 'delete', LatencySummary>>
  /** One part of a split run (`--shard`, `--workers`): the phase's histograms, so parts merge exactly. */
  histograms?: ResultHistograms
}

export interface Result {
  schema: typeof RESULT_SCHEMA
  tool: {name: string; version: string}
  /** `digest`: the workload as run (src/workload/digest.ts), so `diff` can tell whether two results are comparable. */
  workload: {name: string; file: string | null; description: string | null; digest?: string}
  /**
   * `client`, `commands`, `keyPrefix` and `keysDeleted` only for real servers; `client` names the client path that ran,
   * `commands` how operations sent their cache commands (`callbacks` on the lean paths' callback runner, else `promises`);
   * `keyPrefixes`, in a merge of parts that wrote under prefixes of their own, every part's.
   */
  target: {kind: string; url: string; client?: string; commands?: string; keyPrefix?: string; keyPrefixes?: string[]; keysDeleted?: number}
  strategy: {
    name: string
    ttlMs: number | null
    ttlJitter: number
    invalidateOnWrite: boolean
    /** write-behind only. */
    flushDelayMs?: number
    /** refresh-ahead only. */
    refreshAt?: number
    singleFlight?: boolean
    lease?: {retryAfterMs: number; timeoutMs: number} | null
  }
  seed: number
  /** The built-in cache as the run sized it (workload `cache:` with the URL's overrides); absent on real servers. */
  cache?: CacheSettings
  /** `virtual`: builtin target, latencies come from the workload's models; `real`: wall clock. */
  clock: 'virtual' | 'real'
  startedAt: string
  /** Measured span (warm-up excluded), in the run's clock. */
  durationMs: number
  /** Wall-clock time the whole run took, warm-up included. */
  wallMs: number
  /** Wall-clock time spent preparing before the load could start (key tables, distribution constants, connections); outside every figure. */
  setupMs?: number
  complete: boolean
  load: LoadOutcome
  /** Open loop only: latency from the actual start of each operation (latencyMs measures from its intended start). */
  serviceTimeMs?: Partial<Record<'read' | 'write' | 'delete', LatencySummary>>
  /** Real clock only: how late the client's own event loop ran; a high p99 means the load generator was saturated. */
  client?: {eventLoopDelayMs: EventLoopDelay}
  /** Per-interval figures of the measured span. */
  timeline: TimelinePoint[]
  timelineIntervalMs: number
  summary: Summary
  latencyMs: Partial<Record<LatencyName, LatencySummary>>
  /** A trace replay: the trace, how it was paced, and what of it was skipped. */
  trace?: TraceSummary
  /** Things the reader of the figures should know (a failed cleanup, cache errors…). */
  warnings: string[]
  thresholds: ThresholdOutcome[]
  /** `run --baseline`: the change gates against the baseline (see `cache-bench diff`). */
  gates?: GateOutcome[]
  /** `run --repeat N`: every metric's value in each of the N runs; the rest of the result is the first run's. */
  repetitions?: Record<string, number>[]
  /** Exact, mergeable forms of the figures above (see `cache-bench merge`). */
  histograms?: ResultHistograms
  /** Present when the run covered one part of the workload (`--shard i/n`). */
  shard?: ShardInfo
  /** Present on a merged result: how many shards the workload was split into, and which were merged. */
  shards?: {count: number; merged: number[]}
  /** Worker threads that ran the load (`--workers`); absent for one. */
  workers?: number
  /** Phased runs only: per-phase figures beside the whole's. */
  phases?: PhaseResult[]
  /** The workload's events as they happened (or failed to), in the order they started. */
  events?: EventOutcome[]
  /** The failover's figures, when the workload had a failover event. */
  failover?: FailoverOutcome
  /** `run`: failed cache commands against the limit; exceeded means exit 4. */
  errorLimit?: ErrorLimitOutcome
}

/** How a built-in cache was sized and evicted: the whole cache's, over every node of a pool. */
export type CacheSettings = Pick<CacheSpec, 'model' | 'eviction' | 'maxItems' | 'capacityBytes'> & {
  /** `builtin://?nodes=N` only: the pool's starting nodes. */
  nodes?: number
}

export interface ErrorLimitOutcome {
  /** Cache commands sent in the measured span, failed ones included. */
  commands: number
  failed: number
  /** failed / commands; 0 when no command was sent. */
  ratio: number
  maxRatio: number
  exceeded: boolean
}

/**
 * One interval of the run, in the result's `timeline[]`: the operations intended to start in it
 * (docs/contracts.md, Timeline), wherever they completed.
 */
export interface TimelinePoint {
  /** Interval start, ms since measurement began (the first measured operation's intended start). */
  atMs: number
  durationMs: number
  operations: number
  /** Reads among them: the count behind `hitRatio` and `staleRatio` (key-value runs). */
  reads?: number
  throughput: number
  hitRatio: number | null
  staleRatio: number | null
  readP50: number | null
  readP99: number | null
  errors: number
  originReadsPerSecond: number
  /** Messaging workloads: messages published and received (summed over receivers) per second in the interval. */
  publishedPerSecond?: number
  deliveredPerSecond?: number
  /** Messaging: delivery latency p99 of the interval (ms), null when nothing was delivered. */
  deliveryP99?: number | null
  /** Streams: the largest consumer-group lag sampled in the interval. */
  lag?: number | null
}
