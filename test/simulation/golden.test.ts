import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload, type RunOptions} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

const WORKLOADS = path.resolve(import.meta.dirname, '../../workloads')
/** Enough operations for evictions, expiries and queueing to happen; short enough for a busy machine. */
const OPERATIONS = 12_000

/** A bundled workload cut to OPERATIONS, with a tenth of them as warm-up; a phased one cut to a tenth of its time. */
function shortened(file: string): Workload {
  const workload = loadWorkload(path.join(WORKLOADS, file))
  const {load} = workload
  if (workload.phases !== undefined && load.durationMs !== null) {
    // Phased runs are timed: each phase and the warm-up a tenth as long.
    const tenth = (ms: number) => ms / 10
    const warmup = 'durationMs' in load.warmup ? {durationMs: tenth(load.warmup.durationMs)} : load.warmup
    const phases = workload.phases.map((phase) => ({...phase, durationMs: tenth(phase.durationMs)}))
    return {...workload, phases, load: {...load, durationMs: tenth(load.durationMs), warmup}}
  }
  if (load.operations === null) return workload
  const operations = Math.min(load.operations, OPERATIONS)
  const warmup = 'operations' in load.warmup ? {operations: Math.floor(operations / 10)} : load.warmup
  return {...workload, load: {...load, operations, warmup}}
}

/** Everything a run measured; wall-clock figures and the start time aside. */
function figures(result: Result): unknown {
  return {
    summary: result.summary,
    latencyMs: result.latencyMs,
    serviceTimeMs: result.serviceTimeMs,
    timeline: result.timeline,
    complete: result.complete,
    durationMs: result.durationMs,
    load: result.load,
    phases: result.phases,
    events: result.events,
    warnings: result.warnings,
  }
}

/** The simulation core and the async path, same build, same seed. */
async function bothWays(workload: Workload, options: RunOptions = {}): Promise<{core: Result; reference: Result}> {
  const reference = await runWorkload(workload, {...options, engine: 'async'})
  const core = await runWorkload(workload, {...options, engine: 'simulation'})
  return {core, reference}
}

/** Bundled workloads the core does not run yet, and why; they run on the async path alone. */
const NOT_SIMULATED: Record<string, string> = {}

/** Three phases of Poisson arrivals: steady, a ramp to four times the rate on rotated keys with half writes, then calm. */
function phasedWorkload(): Workload {
  const base = testWorkload({
    keyspace: {count: 4000, distribution: 'zipfian'},
    strategy: {ttlMs: 500},
    origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 10}, concurrency: 6},
    cache: {maxItems: 1000, latency: {distribution: 'fixed', ms: 0.1}},
    mix: {read: 19, write: 1},
    load: {rate: 2000, arrival: 'poisson', maxInFlight: 40, operations: null, durationMs: 3000, warmup: {durationMs: 200}},
  })
  const phase = (name: string, from: number, to: number, mix: Workload['mix'], rotate: number) => ({
    name,
    durationMs: 1000,
    rate: {from, to},
    concurrency: null,
    mix,
    keyspace: base.keyspace,
    rotate,
  })
  return {...base, phases: [phase('steady', 2000, 2000, base.mix, 0), phase('ramp', 2000, 8000, {read: 1, write: 1, delete: 0}, 1500), phase('calm', 1000, 1000, base.mix, 0)]}
}

/** Three phases of a closed loop: 4 slots, then 24 on rotated keys with half writes, then 2. */
function closedPhasedWorkload(): Workload {
  const base = testWorkload({
    keyspace: {count: 3000, distribution: 'zipfian'},
    strategy: {ttlMs: 300},
    origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 10}, concurrency: 8},
    cache: {maxItems: 800, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.2}},
    mix: {read: 9, write: 1},
    load: {concurrency: 4, operations: null, durationMs: 1500, warmup: {durationMs: 100}},
  })
  const phase = (name: string, concurrency: number, mix: Workload['mix'], rotate: number) => ({name, durationMs: 500, rate: null, concurrency, mix, keyspace: base.keyspace, rotate})
  return {...base, phases: [phase('few', 4, base.mix, 0), phase('many', 24, {read: 1, write: 1, delete: 0}, 1000), phase('fewer', 2, base.mix, 0)]}
}

/** Which events happened, in order, and how many nodes served after each. */
function happened(result: Result): string[] {
  return (result.events ?? []).map((event) => `${event.action}@${event.atMs}→${event.nodes}${event.error === undefined ? '' : ' failed'}`)
}

describe('the simulation core gives the figures of the async path', () => {
  // Messaging workloads have a runner of their own, neither the core nor the async load path.
  const bundled = readdirSync(WORKLOADS).filter((name) => name.endsWith('.yaml') && loadWorkload(path.join(WORKLOADS, name)).messaging === undefined)
  const simulated = bundled.filter((name) => !(name in NOT_SIMULATED))

  it('runs every bundled workload but the messaging ones', async () => {
    expect(simulated.length).toBeGreaterThanOrEqual(10)
    for (const [file, reason] of Object.entries(NOT_SIMULATED)) {
      const workload = {...shortened(file), load: {...shortened(file).load, operations: 10, durationMs: null, warmup: {operations: 0}}}
      await expect(runWorkload(workload, {engine: 'simulation'}), file).rejects.toThrow(reason)
    }
  })

  it.each(simulated)('%s', async (file) => {
    const workload = shortened(file)
    const {core, reference} = await bothWays(workload)
    expect(core.summary.operations).toBeGreaterThan(0)
    expect(figures(core)).toEqual(figures(reference))
  })

  // Options no bundled workload uses, each of which the core carries out itself; each variant
  // says which of its figures shows that the option was exercised.
  const variants: Array<[string, Workload, RunOptions | undefined, (result: Result) => number]> = [
    [
      'leases under a stampede',
      testWorkload({
        keyspace: {count: 50, distribution: 'zipfian'},
        strategy: {ttlMs: 20, lease: {timeoutMs: 50, retryAfterMs: 2}},
        origin: {latency: {distribution: 'lognormal', medianMs: 5, p99Ms: 30}, concurrency: 4},
        cache: {latency: {distribution: 'fixed', ms: 0.2}},
        mix: {read: 9, write: 1},
        load: {concurrency: 64, operations: 8000},
      }),
      undefined,
      (result) => result.summary.cache.leaseWaits,
    ],
    [
      'a pool of three nodes, bounded by bytes, with deletes and invalidation',
      testWorkload({
        keyspace: {count: 5000, distribution: 'zipfian'},
        values: {distribution: 'uniform', minBytes: 100, maxBytes: 4000},
        strategy: {ttlMs: 200, ttlJitter: 0.3, invalidateOnWrite: true},
        cache: {capacityBytes: 400_000, eviction: 'lfu', latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.3}},
        mix: {read: 80, write: 15, delete: 5},
        load: {concurrency: 16, operations: 10_000, warmup: {operations: 1000}},
      }),
      {target: 'builtin://?nodes=3'},
      (result) => result.summary.cache.evictions * result.summary.deletes,
    ],
    [
      'a timed run with a timed warm-up and a saturated origin',
      testWorkload({
        keyspace: {count: 2000, distribution: 'uniform'},
        strategy: {name: 'write-through', ttlMs: 50},
        origin: {latency: {distribution: 'fixed', ms: 1}, concurrency: 2},
        cache: {maxItems: 500},
        mix: {read: 7, write: 3},
        load: {concurrency: 8, operations: null, durationMs: 2000, warmup: {durationMs: 200}},
      }),
      undefined,
      (result) => result.summary.origin.queuedMs.max,
    ],
    [
      'zero latency everywhere, one part of two',
      testWorkload({origin: {latency: {distribution: 'fixed', ms: 0}}, load: {concurrency: 4, operations: 5000}}),
      {part: {index: 1, count: 2}},
      (result) => result.summary.hits,
    ],
    [
      'an open loop of Poisson arrivals that overruns maxInFlight, cache commands taking no time',
      testWorkload({
        keyspace: {count: 3000, distribution: 'zipfian'},
        strategy: {ttlMs: 100},
        origin: {latency: {distribution: 'lognormal', medianMs: 2, p99Ms: 20}, concurrency: 8},
        cache: {maxItems: 800},
        mix: {read: 9, write: 1},
        load: {rate: 4000, arrival: 'poisson', maxInFlight: 12, operations: 12_000, warmup: {operations: 1000}},
      }),
      undefined,
      (result) => result.load.dropped * (result.serviceTimeMs?.read?.count ?? 0),
    ],
    [
      'a timed open loop of constant arrivals, a timed warm-up, cache latency, one part of three',
      testWorkload({
        keyspace: {count: 2000, distribution: 'zipfian'},
        strategy: {ttlMs: 30, invalidateOnWrite: true},
        origin: {latency: {distribution: 'uniform', minMs: 0.5, maxMs: 4}, concurrency: 4},
        cache: {maxItems: 500, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.3}},
        mix: {read: 8, write: 1, delete: 1},
        load: {rate: 3000, arrival: 'constant', operations: null, durationMs: 3000, warmup: {durationMs: 300}},
      }),
      {part: {index: 2, count: 3}},
      (result) => result.summary.deletes * result.summary.origin.queuedMs.max,
    ],
    [
      'phases of Poisson arrivals with a ramp, a rotated keyspace and another mix, one part of two',
      phasedWorkload(),
      {part: {index: 0, count: 2}},
      (result) => (result.phases?.[1].summary.writes ?? 0) * result.load.dropped,
    ],
    [
      'a lone slot, whose commands run in place of events, with writes, deletes and expiries',
      testWorkload({
        keyspace: {count: 400, distribution: 'zipfian'},
        strategy: {ttlMs: 40, ttlJitter: 0.2},
        origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 8}, writeLatency: {distribution: 'uniform', minMs: 1, maxMs: 5}},
        cache: {maxItems: 100, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.3}},
        mix: {read: 8, write: 1, delete: 1},
        load: {concurrency: 1, operations: 12_000, warmup: {operations: 1000}},
      }),
      undefined,
      (result) => result.summary.misses * result.summary.deletes * result.summary.writes,
    ],
    ['phases of a closed loop: slots join and retire', closedPhasedWorkload(), undefined, (result) => result.phases?.[2].summary.operations ?? 0],
    ['phases of a closed loop, one part of three', closedPhasedWorkload(), {part: {index: 1, count: 3}}, (result) => result.phases?.[1].summary.writes ?? 0],
    [
      'write-behind: flushes waiting for an earlier flush of their key, deletes waiting for a flush to land',
      testWorkload({
        keyspace: {count: 300, distribution: 'zipfian'},
        strategy: {name: 'write-behind', ttlMs: 500, flushDelayMs: 20},
        // Origin writes outlast the flush delay, so a key's next flush often comes due while one is
        // on its way; a delay longer than the last operations leaves writes pending at the end.
        origin: {latency: {distribution: 'fixed', ms: 1}, writeLatency: {distribution: 'lognormal', medianMs: 25, p99Ms: 80}, concurrency: 10},
        cache: {maxItems: 200, latency: {distribution: 'fixed', ms: 0.1}},
        mix: {read: 5, write: 4, delete: 1},
        load: {concurrency: 12, operations: 12_000, warmup: {operations: 1000}},
      }),
      undefined,
      (result) => result.summary.origin.writesCoalesced * result.summary.deletes * result.summary.origin.queuedMs.max,
    ],
    [
      'write-behind: writes still waiting for their flush when the load ends',
      testWorkload({
        keyspace: {count: 2000, distribution: 'zipfian'},
        strategy: {name: 'write-behind', ttlMs: 500, flushDelayMs: 50},
        origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 5}, writeLatency: {distribution: 'fixed', ms: 2}},
        cache: {maxItems: 1000, latency: {distribution: 'fixed', ms: 0.1}},
        mix: {read: 7, write: 3},
        load: {concurrency: 8, operations: 8000, warmup: {operations: 800}},
      }),
      undefined,
      (result) => result.summary.origin.writesPending * result.summary.origin.writesCoalesced,
    ],
    [
      'write-behind in an open loop with a timed warm-up, one part of two',
      testWorkload({
        keyspace: {count: 500, distribution: 'zipfian'},
        strategy: {name: 'write-behind', ttlMs: 200, flushDelayMs: 5},
        origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 10}, concurrency: 4},
        cache: {maxItems: 300, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.3}},
        mix: {read: 6, write: 3, delete: 1},
        load: {rate: 3000, arrival: 'poisson', maxInFlight: 30, operations: null, durationMs: 3000, warmup: {durationMs: 300}},
      }),
      {part: {index: 1, count: 2}},
      (result) => result.summary.origin.writesCoalesced * result.summary.origin.queuedMs.max,
    ],
    [
      'refresh-ahead: background refreshes beside hits, queued at a small origin, across the warm-up',
      testWorkload({
        keyspace: {count: 400, distribution: 'zipfian'},
        strategy: {name: 'refresh-ahead', ttlMs: 60, ttlJitter: 0.2, refreshAt: 0.4},
        origin: {latency: {distribution: 'lognormal', medianMs: 2, p99Ms: 15}, concurrency: 3},
        cache: {maxItems: 250, latency: {distribution: 'fixed', ms: 0.2}},
        mix: {read: 9, write: 1},
        load: {concurrency: 16, operations: 12_000, warmup: {operations: 1500}},
      }),
      undefined,
      (result) => result.summary.origin.refreshes * result.summary.origin.queuedMs.max * result.summary.staleReads,
    ],
    [
      'every data-structure operation beside reads and writes, an open loop with hashes expiring, one part of two',
      testWorkload({
        keyspace: {count: 500, distribution: 'zipfian'},
        mix: {read: 4, write: 1, delete: 0, zincrby: 2, zrevrange: 1, zrank: 1, hset: 2, hgetall: 2, expire: 1, lpush: 1, lrange: 1},
        structures: {sortedSets: {keys: 3, members: 200, top: 5, increment: 2}, hashes: {fields: 4, ttlMs: 40}, lists: {keys: 5, maxLength: 30, range: 8}},
        strategy: {ttlMs: 100},
        origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 8}, concurrency: 6},
        cache: {maxItems: 200, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.4}},
        load: {rate: 4000, arrival: 'poisson', maxInFlight: 40, operations: 12_000, warmup: {operations: 1000}},
      }),
      {part: {index: 1, count: 2}},
      (result) => result.summary.structures.hgetallHits * result.summary.structures.zrank * result.summary.structures.lrange * result.summary.hits,
    ],
    [
      'single-flight loads under a stampede: misses of a key wait for the origin read of its first miss',
      testWorkload({
        keyspace: {count: 50, distribution: 'zipfian'},
        strategy: {ttlMs: 20, singleFlight: true, invalidateOnWrite: true},
        origin: {latency: {distribution: 'lognormal', medianMs: 5, p99Ms: 30}, concurrency: 4},
        cache: {latency: {distribution: 'fixed', ms: 0.2}},
        mix: {read: 9, write: 1},
        load: {concurrency: 64, operations: 8000, warmup: {operations: 500}},
      }),
      undefined,
      (result) => result.summary.misses - result.summary.origin.reads,
    ],
    // Whole-run open loops (not split): an origin read ending just as the next arrival comes,
    // writes spawning flushes between sparse arrivals, and misses joining another's load.
    [
      'a whole open loop whose misses end their origin read just as the next arrival comes (binary-exact times)',
      testWorkload({
        keyspace: {count: 60, distribution: 'zipfian'},
        strategy: {ttlMs: 3},
        origin: {latency: {distribution: 'fixed', ms: 0.125}, concurrency: 8},
        cache: {maxItems: 40, latency: {distribution: 'fixed', ms: 0.125}},
        mix: {read: 9, write: 1},
        load: {rate: 4000, arrival: 'constant', maxInFlight: 50, operations: 12_000, warmup: {operations: 1000}},
      }),
      undefined,
      (result) => result.summary.misses * result.summary.hits * result.summary.writes,
    ],
    [
      'write-behind in a whole open loop of sparse Poisson arrivals, stepping in place between them',
      testWorkload({
        keyspace: {count: 400, distribution: 'zipfian'},
        strategy: {name: 'write-behind', ttlMs: 200, flushDelayMs: 2},
        origin: {latency: {distribution: 'lognormal', medianMs: 0.4, p99Ms: 3}, concurrency: 2},
        cache: {maxItems: 250, latency: {distribution: 'fixed', ms: 0.1}},
        mix: {read: 6, write: 3, delete: 1},
        load: {rate: 1500, arrival: 'poisson', maxInFlight: 30, operations: 12_000, warmup: {operations: 1000}},
      }),
      undefined,
      (result) => result.summary.origin.writesCoalesced * result.summary.origin.queuedMs.max,
    ],
    [
      'single-flight loads in whole-run phases of constant arrivals, misses joining another\'s load',
      {
        ...phasedWorkload(),
        strategy: {...phasedWorkload().strategy, singleFlight: true},
        load: {...phasedWorkload().load, arrival: 'constant'},
      },
      undefined,
      (result) => (result.summary.misses - result.summary.origin.reads) * (result.phases?.[2].summary.hits ?? 0),
    ],
    [
      'refresh-ahead in a timed closed loop, a lone slot',
      testWorkload({
        keyspace: {count: 100, distribution: 'zipfian'},
        strategy: {name: 'refresh-ahead', ttlMs: 30, refreshAt: 0.5},
        origin: {latency: {distribution: 'uniform', minMs: 0.5, maxMs: 3}},
        cache: {maxItems: 80, latency: {distribution: 'fixed', ms: 0.1}},
        mix: {read: 19, write: 1},
        load: {concurrency: 1, operations: null, durationMs: 2000, warmup: {durationMs: 200}},
      }),
      undefined,
      (result) => result.summary.origin.refreshes,
    ],
  ]

  it.each(variants)('%s', async (_name, workload, options, exercised) => {
    const {core, reference} = await bothWays(workload, options)
    expect(exercised(core)).toBeGreaterThan(0)
    expect(figures(core)).toEqual(figures(reference))
  })

  // Events (`events:`) on builtin targets, each carried out by the core as a clock event; each
  // variant lists the events that must have happened (those due after the load must not).
  const eventVariants: Array<[string, Workload, RunOptions, string[], (result: Result) => number]> = [
    [
      'write-behind on a pool of three in a closed loop: a node failure loses the writes only it held, then scale-out and scale-in',
      testWorkload({
        keyspace: {count: 2000, distribution: 'zipfian'},
        strategy: {name: 'write-behind', ttlMs: 500, flushDelayMs: 30},
        origin: {latency: {distribution: 'lognormal', medianMs: 1, p99Ms: 8}, concurrency: 8},
        cache: {maxItems: 1200, latency: {distribution: 'uniform', minMs: 0.05, maxMs: 0.3}},
        mix: {read: 7, write: 3},
        load: {concurrency: 16, operations: 12_000, warmup: {operations: 1000}},
        events: [
          {atMs: 150, action: 'node-failure', node: 1},
          {atMs: 300, action: 'scale-out'},
          {atMs: 450, action: 'scale-in', node: 0},
        ],
      }),
      {target: 'builtin://?nodes=3'},
      ['node-failure@150→3', 'scale-out@300→4', 'scale-in@450→3'],
      (result) => result.summary.origin.writesLost * Number(result.events?.[2].details?.keysRemapped),
    ],
    [
      'an open loop of constant arrivals with fixed latencies: a flush at an instant operations arrive and complete, one at once, one after the load',
      testWorkload({
        keyspace: {count: 1000, distribution: 'zipfian'},
        strategy: {ttlMs: 200},
        origin: {latency: {distribution: 'fixed', ms: 2}, concurrency: 4},
        cache: {maxItems: 600, latency: {distribution: 'fixed', ms: 0.5}},
        mix: {read: 9, write: 1},
        // An arrival every 0.5 ms, commands of 0.5 and 2 ms: every event instant below is one where operations start and finish.
        load: {rate: 2000, arrival: 'constant', maxInFlight: 64, operations: 6000, warmup: {operations: 500}},
        events: [
          {atMs: 0, action: 'flush'},
          {atMs: 1000, action: 'flush'},
          {atMs: 60_000, action: 'flush'},
        ],
      }),
      {},
      ['flush@0→1', 'flush@1000→1'],
      (result) => Number(result.events?.[1].details?.entriesLost) * result.summary.origin.queuedMs.max,
    ],
    [
      'a closed loop with fixed latencies on a pool of two: a scale-out at once, node failures at instants operations complete, a scale-in after the load',
      testWorkload({
        keyspace: {count: 800, distribution: 'uniform'},
        strategy: {ttlMs: 100, invalidateOnWrite: true},
        origin: {latency: {distribution: 'fixed', ms: 1}},
        cache: {maxItems: 500, latency: {distribution: 'fixed', ms: 0.25}},
        mix: {read: 8, write: 1, delete: 1},
        // Commands of 0.25 and 1 ms from 32 slots: several arrive at every quarter millisecond, the events' instants too.
        load: {concurrency: 32, operations: 12_000, warmup: {operations: 1000}},
        events: [
          {atMs: 0, action: 'scale-out'},
          {atMs: 100, action: 'node-failure'},
          {atMs: 250, action: 'node-failure', node: 2},
          {atMs: 60_000, action: 'scale-in'},
        ],
      }),
      {target: 'builtin://?nodes=2'},
      ['scale-out@0→3', 'node-failure@100→3', 'node-failure@250→3'],
      (result) => Number(result.events?.[2].details?.entriesLost) * result.summary.misses,
    ],
    [
      'refresh-ahead in a timed open loop on one engine: node failures during the warm-up and the load',
      testWorkload({
        keyspace: {count: 400, distribution: 'zipfian'},
        strategy: {name: 'refresh-ahead', ttlMs: 60, refreshAt: 0.4},
        origin: {latency: {distribution: 'lognormal', medianMs: 2, p99Ms: 15}, concurrency: 3},
        cache: {maxItems: 250, latency: {distribution: 'fixed', ms: 0.2}},
        mix: {read: 9, write: 1},
        load: {rate: 3000, arrival: 'poisson', maxInFlight: 30, operations: null, durationMs: 2000, warmup: {durationMs: 300}},
        events: [
          {atMs: 100, action: 'node-failure'},
          {atMs: 1200, action: 'node-failure'},
        ],
      }),
      {},
      ['node-failure@100→1', 'node-failure@1200→1'],
      (result) => result.summary.origin.refreshes * Number(result.events?.[1].details?.entriesLost) * (result.events?.[0].timelineMs === null ? 1 : 0),
    ],
    [
      'phases of a closed loop on a pool of two, one part of three: events while slots join and retire',
      {
        ...closedPhasedWorkload(),
        events: [
          {atMs: 400, action: 'node-failure', node: 1},
          {atMs: 700, action: 'scale-out'},
          {atMs: 1100, action: 'flush'},
        ],
      },
      {target: 'builtin://?nodes=2', part: {index: 1, count: 3}},
      ['node-failure@400→2', 'scale-out@700→3', 'flush@1100→3'],
      (result) => (result.phases?.[1].summary.writes ?? 0) * Number(result.events?.[2].details?.entriesLost),
    ],
    [
      'a lone slot, whose commands run in place of events until an event is due, with fixed latencies: node failures at instants its commands arrive',
      testWorkload({
        keyspace: {count: 300, distribution: 'zipfian'},
        strategy: {ttlMs: 40},
        origin: {latency: {distribution: 'fixed', ms: 1}},
        cache: {maxItems: 200, latency: {distribution: 'fixed', ms: 0.25}},
        mix: {read: 9, write: 1},
        load: {concurrency: 1, operations: 6000, warmup: {operations: 500}},
        events: [
          {atMs: 50, action: 'node-failure'},
          {atMs: 500, action: 'flush'},
        ],
      }),
      {},
      ['node-failure@50→1', 'flush@500→1'],
      (result) => Number(result.events?.[1].details?.entriesLost) * result.summary.hits,
    ],
  ]

  it.each(eventVariants)('%s', async (_name, workload, options, expected, exercised) => {
    const {core, reference} = await bothWays(workload, options)
    expect(happened(core)).toEqual(expected)
    expect(exercised(core)).toBeGreaterThan(0)
    expect(figures(core)).toEqual(figures(reference))
  })
})
