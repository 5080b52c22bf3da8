import {describe, expect, it} from 'vitest'
import type {Result} from '../../../src/metrics/result.js'
import {entriesPerNode} from '../../../src/messaging/streams/builtin/node-capacity.js'
import {runWorkload} from '../../../src/runner/run-workload.js'
import {groupsOf, lagSampledAt, messagingOf, messagingWorkload} from '../helpers.js'

const PAYLOAD_BYTES = 64

interface Settings {
  groups?: number
  maxlen?: number
  messages?: number
  rate?: number
  latency?: string
  events?: string
}

/** 3000 messages at 1000/s into one stream read by two groups of two consumers, through `cache-bench run`'s runner on builtin://. */
function runStreams({groups = 2, maxlen = 1_000_000, messages = 3000, rate = 1000, latency = '200us', events = ''}: Settings = {}): Promise<Result> {
  const workload = messagingWorkload(`seed: 3
messaging:
  channels: {count: 1}
  payload: {size: ${PAYLOAD_BYTES}B}
  publish: {rate: ${rate}/s}
  streams: {maxlen: ${maxlen}, groups: ${groups}, consumersPerGroup: 2, block: 100ms}
cache:
  latency: ${latency}
load: {operations: ${messages}, warmup: 0}
${events ? `events:\n  - ${events}\n` : ''}`)
  return runWorkload(workload, {intervalMs: 100})
}

describe('builtin streams in simulated time, through the runner', () => {
  it('delivers each message to every group once, one round trip after its intended time when a consumer waits', async () => {
    const result = await runStreams()
    expect(messagingOf(result)).toMatchObject({published: 3000, expectedDeliveries: 6000, delivered: 6000, duplicated: 0, lost: 0, trimmedBeforeRead: 0, pending: 0, drained: true})
    // Half a round trip for the XADD to land, half for the blocked reader's reply: 0.2 ms.
    const delivery = result.latencyMs.delivery!
    expect(delivery.count).toBe(6000)
    expect(delivery.min).toBeCloseTo(0.2, 6)
    expect(delivery.max).toBeCloseTo(0.2, 6)
  })

  it('delivery latency with a uniform round trip is the mean of two uniform halves: a triangle', async () => {
    const [a, b] = [0.2, 1.0]
    // Messages 2 ms apart, two consumers a group: one of them is always blocked waiting.
    const result = await runStreams({messages: 20_000, rate: 500, latency: `{distribution: uniform, min: ${a}ms, max: ${b}ms}`})
    // (U1 + U2) / 2 for U uniform on [a, b] is triangular on [a, b] with its mode in the middle:
    // F(x) = 2u² below the middle and 1 − 2(1 − u)² above, u = (x − a) / (b − a).
    const quantile = (p: number) => a + (b - a) * (p <= 0.5 ? Math.sqrt(p / 2) : 1 - Math.sqrt((1 - p) / 2))
    const delivery = result.latencyMs.delivery!
    expect(delivery.count).toBe(40_000)
    for (const [name, p] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
      expect(Math.abs(delivery[name] - quantile(p)), name).toBeLessThan(0.01 * (b - a))
    }
    expect(delivery.mean).toBeCloseTo((a + b) / 2, 2)
  })

  it('a group away for 500 ms at 1000 messages/s lags by the 500 published meanwhile, then catches up losing nothing', async () => {
    // The first two consumers, group 0's.
    const result = await runStreams({events: '{at: 1s, disconnect: consumer, count: 2, for: 500ms}'})
    // XADDs land 0.1 ms after their due time: by 1400 ms messages 1000..1399 wait for group 0.
    expect([900, 1400, 1500, 2500].map((atMs) => lagSampledAt(result, atMs))).toEqual([0, 400, 500, 0])
    expect(messagingOf(result).lag).toEqual({max: 500, final: 0})
    expect(groupsOf(result).map((group) => [group.delivered, group.acknowledged, group.pending])).toEqual([
      [3000, 3000, 0],
      [3000, 3000, 0],
    ])
  })

  it('counts what MAXLEN ~ trimmed, whole nodes at a time, before an absent group came back', async () => {
    const maxlen = 20
    const node = entriesPerNode(PAYLOAD_BYTES)
    // Group 0 is away while messages 100..1099 land; independently: the stream keeps whole
    // nodes of `node` entries, dropping the oldest while at least maxlen would stay.
    let nodes: number[] = []
    for (let added = 0; added < 1100; added++) {
      if (nodes.length > 0 && nodes[nodes.length - 1] < node) nodes[nodes.length - 1]++
      else nodes.push(1)
      while (nodes.reduce((x, y) => x + y, 0) - nodes[0] >= maxlen) nodes = nodes.slice(1)
    }
    const left = nodes.reduce((x, y) => x + y, 0)
    const result = await runStreams({groups: 1, maxlen, events: '{at: 99.95ms, disconnect: consumer, count: 2, for: 1000ms}'})
    expect(left).toBeGreaterThanOrEqual(maxlen)
    expect(left).toBeLessThan(maxlen + node)
    const trimmed = 1100 - 100 - left
    expect(groupsOf(result)[0]).toMatchObject({name: 'group-0', trimmedBeforeRead: trimmed, holes: trimmed, unread: 0, pending: 0})
    expect(messagingOf(result)).toMatchObject({delivered: 3000 - trimmed, trimmedBeforeRead: trimmed})
  })
})
