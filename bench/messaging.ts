import {pathToFileURL} from 'node:url'
import {Redis} from 'ioredis'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {startRedis} from '../test/servers/redis-servers.js'
import type {BenchRow} from './bench-row.js'
import {pinProcess, runReferenceTool, SERVER_CORES, canPin} from './pinning.js'

const SUBSCRIBERS = 50
const PAYLOAD_BYTES = 256
const MESSAGES = 20_000
const CHANNEL = 'bench:ch:0'

/**
 * Messages delivered per second with one publisher and 50 subscribers of one channel on a local
 * redis-server: cache-bench's closed loop of one publisher (each PUBLISH waits for its reply)
 * beside redis-benchmark publishing the same 256-byte payload on one connection to 50 plain
 * ioredis subscribers that only count. redis-benchmark has no built-in publish test, so it
 * sends the command given on its command line.
 */
export async function benchMessaging(): Promise<BenchRow[]> {
  const server = await startRedis()
  try {
    if (canPin()) await pinProcess(Number(await server.cli('INFO', 'server').then((info) => /process_id:(\d+)/.exec(info)?.[1])), SERVER_CORES)
    const reference = await referenceDeliveries(server.port)
    const result = await runWorkload(
      parseWorkload(
        `version: 1
name: bench-pubsub
messaging:
  channels: {count: 1}
  payload: {size: ${PAYLOAD_BYTES}B}
  publish: {publishers: 1}
  pubsub: {subscribers: ${SUBSCRIBERS}}
load: {operations: ${MESSAGES + MESSAGES / 10}, warmup: ${MESSAGES / 10}}
`,
        'bench-pubsub.yaml',
      ),
      {target: server.url, targetOptions: {keyPrefix: 'bench:'}},
    )
    const messaging = result.summary.messaging
    if (!messaging || messaging.lost > 0) throw new Error(`the Pub/Sub bench lost ${messaging?.lost} deliveries`)
    const note = `1 publisher (closed loop), ${SUBSCRIBERS} subscribers of 1 channel, ${PAYLOAD_BYTES} B`
    return [
      {name: 'pubsub.delivered.reference', value: Math.round(reference), unit: 'msg/s', note: `redis-benchmark -c 1 publish, ${SUBSCRIBERS} counting ioredis subscribers`},
      {name: 'pubsub.delivered.cache-bench', value: Math.round(messaging.deliveredPerSecond), unit: 'msg/s', note},
      {name: 'pubsub.delivered.ratio', value: Number((messaging.deliveredPerSecond / reference).toFixed(3)), unit: 'ratio', note: 'cache-bench / reference'},
      {name: 'pubsub.delivery.p99', value: result.latencyMs.delivery?.p99 ?? 0, unit: 'ms', note},
    ]
  } finally {
    await server.stop()
  }
}

/** Deliveries per second to 50 subscribers while redis-benchmark publishes MESSAGES messages on one connection. */
async function referenceDeliveries(port: number): Promise<number> {
  const subscribers = Array.from({length: SUBSCRIBERS}, () => new Redis({port, host: '127.0.0.1', lazyConnect: true}))
  let received = 0
  let first = 0
  let last = 0
  try {
    for (const subscriber of subscribers) {
      subscriber.on('messageBuffer', () => {
        last = performance.now()
        if (received++ === 0) first = last
      })
    }
    await Promise.all(subscribers.map(async (subscriber) => {
      await subscriber.connect()
      await subscriber.subscribe(CHANNEL)
    }))
    await runReferenceTool('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-c', '1', '-n', String(MESSAGES), '-q', 'publish', CHANNEL, 'x'.repeat(PAYLOAD_BYTES)])
    const expected = MESSAGES * SUBSCRIBERS
    const deadline = performance.now() + 10_000
    while (received < expected && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve))
    return received / ((last - first) / 1000)
  } finally {
    for (const subscriber of subscribers) subscriber.disconnect()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchMessaging()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
