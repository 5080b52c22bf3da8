import {describe, expect, it} from 'vitest'
import {CacheCommandError} from '../../../src/targets/command-error.js'
import {EXPECT, PendingReplies} from '../../../src/targets/memcached/lean/pending-replies.js'

describe('PendingReplies, the ring of commands awaiting their reply', () => {
  it('settles commands in the order they were pushed while the ring wraps and grows', () => {
    const pending = new PendingReplies()
    const settled: number[] = []
    const model: number[] = []
    let next = 0
    // Pushes outrun settles by one in three, so the ring wraps at 16 and grows twice while wrapped.
    for (let step = 0; step < 150; step++) {
      const id = next++
      pending.push(EXPECT.value, step, 1000, ((value: number) => settled.push(value)) as never, () => {}, null)
      model.push(id)
      if (step % 3 !== 0) {
        pending.resolveOldest(model.shift())
      }
      expect(pending.size).toBe(model.length)
    }
    const stillPending = [...model]
    while (model.length > 0) pending.resolveOldest(model.shift())
    expect(settled).toEqual(Array.from({length: 150}, (_, i) => i).filter((id) => !stillPending.includes(id)).concat(stillPending))
    expect(pending.size).toBe(0)
    expect(pending.peek()).toBeUndefined()
  })

  it('finds the first command past its deadline after wrapping, and fails the rest oldest first', () => {
    const pending = new PendingReplies()
    const failed: string[] = []
    // 20 settled from 30 pushed: the ten left sit across the end of the 32-slot ring's first lap.
    for (let i = 0; i < 30; i++) pending.push(EXPECT.stored, 100 + i, 10 + i, (() => {}) as never, (error) => failed.push(error.message), null)
    for (let i = 0; i < 20; i++) pending.resolveOldest(undefined)
    for (let i = 30; i < 40; i++) pending.push(EXPECT.stored, 100 + i, 10 + i, (() => {}) as never, (error) => failed.push(error.message), null)
    // Deadlines of the 20 pending: 120..139; at 125 the oldest (deadline 120, limit 30) is overdue.
    expect(pending.overdue(119)).toBe(-1)
    expect(pending.overdue(125)).toBe(30)
    pending.failAll((limitMs) => new CacheCommandError('timeout', `limit ${limitMs}`))
    expect(failed).toEqual(Array.from({length: 20}, (_, i) => `limit ${30 + i}`))
  })
})
