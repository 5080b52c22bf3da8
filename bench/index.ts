import {benchCompareMatrix} from './compare-matrix.js'
import {benchEndToEnd} from './end-to-end.js'
import {benchEngine} from './engine.js'
import {benchMemcached} from './memcached.js'
import {benchMessaging} from './messaging.js'
import {benchMrc} from './mrc.js'
import {benchOpenLoop} from './open-loop.js'
import {benchRedis} from './redis.js'
import {benchSimulation} from './simulation.js'
import {benchTraceReplay} from './trace-replay.js'
import {benchWorkers} from './workers.js'
import type {BenchRow} from './bench-row.js'

/**
 * `npm run bench`: every figure beside a reference measured on the same machine in the same
 * run, so ratios stay meaningful on a shared, noisy machine.
 */
const SUITES: Array<[string, () => Promise<BenchRow[]>]> = [
  ['built-in engine', benchEngine],
  ['cache-bench run, end to end on the built-in target', benchEndToEnd],
  ['simulation core on every bundled workload it runs, against the async path', benchSimulation],
  ['memcached GET throughput against memcaslap', benchMemcached],
  ['redis GET throughput against redis-benchmark', benchRedis],
  ['open-loop rate sustained against redis', benchOpenLoop],
  ['Pub/Sub messages delivered per second against redis-benchmark publish', benchMessaging],
  ['--workers 2 against 1, end to end on the built-in target', benchWorkers],
  ['trace replay on the built-in engine against an in-memory loop', benchTraceReplay],
  ['miss-ratio curves (mrc): one pass against simulating each size', benchMrc],
  ["compare: the README's 36-cell matrix, cells on worker threads", benchCompareMatrix],
]

const only = process.argv.slice(2)
for (const [title, suite] of SUITES) {
  if (only.length > 0 && !only.some((word) => title.includes(word))) continue
  console.log(`\n## ${title}`)
  for (const row of await suite()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
