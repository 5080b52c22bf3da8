import {describe, expect, it} from 'vitest'
import {CommitLog} from '../../src/origin/commit-log.js'

describe('CommitLog', () => {
  it('numbers versions per key from 1 and keeps each commit time', () => {
    const log = new CommitLog(3)
    expect(log.version(1)).toBe(0)
    expect(log.committedAt(1)).toBe(0)
    expect(log.commit(1, 10)).toBe(1)
    expect(log.commit(2, 11)).toBe(1)
    expect(log.commit(1, 20)).toBe(2)
    expect(log.commit(1, 35)).toBe(3)
    expect(log.version(1)).toBe(3)
    expect(log.committedAt(1)).toBe(35)
    // The age of a stale read of version v runs from the commit of v + 1.
    expect(log.firstNewerCommitTime(1, 0)).toBe(10)
    expect(log.firstNewerCommitTime(1, 1)).toBe(20)
    expect(log.firstNewerCommitTime(1, 2)).toBe(35)
    expect(log.firstNewerCommitTime(1, 3)).toBeUndefined()
    expect(log.firstNewerCommitTime(0, 0)).toBeUndefined()
  })

  it('grows past its initial capacity without losing history', () => {
    const log = new CommitLog(2)
    for (let i = 1; i <= 5000; i++) log.commit(i % 2, i)
    expect(log.version(0)).toBe(2500)
    expect(log.version(1)).toBe(2500)
    // key 1's versions were committed at times 1, 3, 5, …: version v at 2v − 1.
    expect(log.firstNewerCommitTime(1, 99)).toBe(2 * 100 - 1)
  })
})
