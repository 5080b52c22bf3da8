import {describe, expect, it} from 'vitest'
import {createLatencyModel} from '../../src/generators/latency-model.js'
import {createRandom} from '../../src/generators/random.js'
import {createValueSizeGenerator} from '../../src/generators/value-size.js'
import {SimulatedOrigin} from '../../src/origin/simulated-origin.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'

function origin(clock: VirtualClock, concurrency: number, latencyMs: number) {
  const fixed = createLatencyModel({distribution: 'fixed', ms: latencyMs}, createRandom(1))
  const sizes = createValueSizeGenerator({distribution: 'fixed', bytes: 100}, createRandom(1))
  return new SimulatedOrigin({
    keyCount: 10,
    clock,
    readLatency: fixed,
    writeLatency: fixed,
    concurrency,
    valueSizes: sizes,
    initialSizes: sizes,
  })
}

describe('SimulatedOrigin', () => {
  it('queues queries beyond its concurrency limit, so completion times show the queueing delay', async () => {
    const clock = new VirtualClock()
    const db = origin(clock, 2, 10)
    const done: number[] = []
    const waits: number[] = []
    const reads = [0, 1, 2, 3, 4].map((key) => db.read(key, (ms) => waits.push(ms)).then(() => done.push(clock.now())))
    await Promise.all([...reads, clock.drive()])
    // Two at a time, 10 ms each: 10, 10, 20, 20, 30.
    expect(done).toEqual([10, 10, 20, 20, 30])
    expect(waits.sort((a, b) => a - b)).toEqual([0, 0, 10, 10, 20])
    expect(db.limiter.peak).toBe(5)
  })

  it('commits a new version at the end of a write and returns it to later reads', async () => {
    const clock = new VirtualClock()
    const db = origin(clock, 8, 5)
    const [read, write] = await Promise.all([db.read(3), db.write(3), clock.drive()])
    // Both end at t=5; the read was served first, before the commit.
    expect(read.version).toBe(0)
    expect(write).toEqual({version: 1, committedAt: 5, size: 100})
    expect(db.currentVersion(3)).toBe(1)
    const [deleted] = await Promise.all([db.delete(3), clock.drive()])
    expect(deleted).toEqual({version: 2, committedAt: 10, size: 0})
  })
})
