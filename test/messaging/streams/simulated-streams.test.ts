import {describe, expect, it} from 'vitest'
import {entriesPerNode} from '../../../src/messaging/streams/builtin/node-capacity.js'
import {type SimulatedStreamsRun, simulateStreams} from '../../../src/messaging/streams/builtin/simulate-streams.js'

const BASE: SimulatedStreamsRun = {
  seed: 3,
  streams: 1,
  groups: 2,
  consumersPerGroup: 2,
  maxlen: 1_000_000,
  blockMs: 100,
  count: 10,
  messages: 3000,
  ratePerSec: 1000,
  payloadBytes: 64,
  sampleEveryMs: 100,
  outages: [],
  drainTimeoutMs: 10_000,
  latency: {distribution: 'fixed', ms: 0.2},
}

describe('builtin streams in simulated time', () => {
  it('delivers each message to every group once, one round trip after its intended time when a consumer waits', () => {
    const result = simulateStreams(BASE)
    expect(result).toMatchObject({published: 3000, expectedDeliveries: 6000, delivered: 6000, duplicated: 0, lost: 0, trimmedBeforeRead: 0, pending: 0, drained: true})
    // Half a round trip for the XADD to land, half for the blocked reader's reply: 0.2 ms.
    expect(result.latencyMs.count).toBe(6000)
    expect(result.latencyMs.min).toBeCloseTo(0.2, 6)
    expect(result.latencyMs.max).toBeCloseTo(0.2, 6)
  })

  it('delivery latency with a uniform round trip is the mean of two uniform halves: a triangle', () => {
    const [a, b] = [0.2, 1.0]
    // Messages 2 ms apart, two consumers a group: one of them is always blocked waiting.
    const result = simulateStreams({...BASE, messages: 20_000, ratePerSec: 500, latency: {distribution: 'uniform', minMs: a, maxMs: b}})
    // (U1 + U2) / 2 for U uniform on [a, b] is triangular on [a, b] with its mode in the middle:
    // F(x) = 2u² below the middle and 1 − 2(1 − u)² above, u = (x − a) / (b − a).
    const quantile = (p: number) => a + (b - a) * (p <= 0.5 ? Math.sqrt(p / 2) : 1 - Math.sqrt((1 - p) / 2))
    expect(result.latencyMs.count).toBe(40_000)
    for (const [name, p] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
      expect(Math.abs(result.latencyMs[name] - quantile(p)), name).toBeLessThan(0.01 * (b - a))
    }
    expect(result.latencyMs.mean).toBeCloseTo((a + b) / 2, 2)
  })

  it('a group away for 500 ms at 1000 messages/s lags by the 500 published meanwhile, then catches up losing nothing', () => {
    const result = simulateStreams({...BASE, outages: [{group: 1, consumer: null, atMs: 1000, forMs: 500}]})
    const lagAt = (atMs: number) => result.samples.find((sample) => Math.abs(sample.atMs - atMs) < 1e-9)?.lag
    // XADDs land 0.1 ms after their due time: by 1400 ms messages 1000..1399 wait for group 1.
    expect([lagAt(900), lagAt(1400), lagAt(1500), lagAt(2500)]).toEqual([0, 400, 500, 0])
    expect(result.lag).toEqual({max: 500, final: 0})
    expect(result.perGroup.map((group) => [group.delivered, group.acknowledged, group.pending])).toEqual([
      [3000, 3000, 0],
      [3000, 3000, 0],
    ])
  })

  it('counts what MAXLEN ~ trimmed, whole nodes at a time, before an absent group came back', () => {
    const maxlen = 20
    const node = entriesPerNode(BASE.payloadBytes)
    // Group 0 is away while messages 100..1099 land; independently: the stream keeps whole
    // nodes of `node` entries, dropping the oldest while at least maxlen would stay.
    let nodes: number[] = []
    for (let added = 0; added < 1100; added++) {
      if (nodes.length > 0 && nodes[nodes.length - 1] < node) nodes[nodes.length - 1]++
      else nodes.push(1)
      while (nodes.reduce((x, y) => x + y, 0) - nodes[0] >= maxlen) nodes = nodes.slice(1)
    }
    const left = nodes.reduce((x, y) => x + y, 0)
    const result = simulateStreams({...BASE, groups: 1, maxlen, outages: [{group: 0, consumer: null, atMs: 99.95, forMs: 1000}]})
    expect(left).toBeGreaterThanOrEqual(maxlen)
    expect(left).toBeLessThan(maxlen + node)
    expect(result.perGroup[0]).toMatchObject({trimmedBeforeRead: 1100 - 100 - left, holes: 1100 - 100 - left, unread: 0, pending: 0})
    expect(result.delivered).toBe(3000 - (1100 - 100 - left))
  })
})
