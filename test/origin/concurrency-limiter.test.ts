import {describe, expect, it} from 'vitest'
import {ConcurrencyLimiter} from '../../src/origin/concurrency-limiter.js'

describe('ConcurrencyLimiter', () => {
  it('admits up to the limit, queues the rest in FIFO order and tracks peak demand', async () => {
    const limiter = new ConcurrencyLimiter(2)
    expect(limiter.acquire()).toBeUndefined()
    expect(limiter.acquire()).toBeUndefined()
    const admitted: number[] = []
    const third = limiter.acquire()!.then(() => admitted.push(3))
    const fourth = limiter.acquire()!.then(() => admitted.push(4))
    expect(limiter.inFlight).toBe(2)
    expect(limiter.queued).toBe(2)
    expect(limiter.peak).toBe(4)
    limiter.release()
    await third
    expect(admitted).toEqual([3])
    limiter.release()
    await fourth
    expect(admitted).toEqual([3, 4])
    limiter.release()
    limiter.release()
    expect(limiter.inFlight).toBe(0)
    expect(limiter.queued).toBe(0)
  })
})
