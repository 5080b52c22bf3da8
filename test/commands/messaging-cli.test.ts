import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

describe('messaging workloads on the command line', () => {
  it('validate --target refuses memcached with one sentence naming the file and exits 2', async () => {
    const run = await cli(['validate', 'pubsub-fanout', '--target', 'memcached://127.0.0.1:11211'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toMatch(/pubsub-fanout\.yaml: Target memcached:\/\/127\.0\.0\.1:11211 is Memcached, which has no Pub\/Sub: a messaging workload needs builtin:\/\/, redis:\/\/ or redis-cluster:\/\/\.$/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect((await cli(['validate', 'pubsub-fanout', '--target', 'redis://127.0.0.1:6379'])).exitCode).toBe(0)
  })

  it('run --json gives summary.messaging, latencyMs.delivery and thresholds on delivery figures', async () => {
    const run = await cli(['run', 'pubsub-fanout', '--operations', '1000', '--warmup', '0', '--json', '--threshold', 'messaging.duplicated == 0', '--threshold', 'delivery.p99 < 1us'])
    expect(run.exitCode).toBe(1)
    const result = JSON.parse(run.stdout) as Result
    const messaging = result.summary.messaging
    // 1000 messages (2 s at 500/s), each to the 20 subscribers of every channel; the event at 5 s comes after the run.
    expect(messaging?.published).toBe(1000)
    expect(messaging?.delivered).toBe(20_000)
    expect(messaging?.expectedDeliveries).toBe(20_000)
    expect(result.latencyMs.delivery?.count).toBe(20_000)
    // The workload's two (duplicated == 0, delivery.p99 < 5ms of a 200us-median model) and the two given.
    expect(result.thresholds.map((threshold) => threshold.pass)).toEqual([true, true, true, false])
    expect(result.thresholds[3]).toMatchObject({expression: 'delivery.p99 < 1us', actual: result.latencyMs.delivery?.p99})
  })
})
