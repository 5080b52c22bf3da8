import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {CommitLog} from '../../src/origin/commit-log.js'
import {HeldVersionLog} from '../../src/origin/held-version-log.js'

const KEYS = 100

describe('HeldVersionLog', () => {
  it('answers like the full history for every version a cache or an operation holds, and its size follows keys and in-flight work, not writes', () => {
    const random = createRandom(11)
    const pick = (n: number): number => Math.floor(random.next() * n)
    const log = new HeldVersionLog(KEYS)
    const full = new CommitLog(KEYS)
    // The oracle: every commit time of every key, and a one-copy cache written in the test.
    const commitTimes: number[][] = Array.from({length: KEYS}, () => [])
    const cache: number[] = new Array<number>(KEYS).fill(-1)
    const inFlight: {key: number; version: number}[] = []
    let writes = 0
    let mostRetained = 0
    let checked = 0
    const wrong: string[] = []
    for (let step = 0, time = 0; step < 200_000; step++, time += 0.5) {
      const key = pick(KEYS)
      const action = pick(10)
      if (action < 6) {
        log.commit(key, time)
        full.commit(key, time)
        commitTimes[key].push(time)
        writes++
      } else if (action < 8 && inFlight.length < 64) {
        // An origin read hands out the current version.
        const version = log.version(key)
        log.pin(key, version)
        inFlight.push({key, version})
      } else if (inFlight.length > 0) {
        // An operation ends, having put what it was handed in the cache (or not).
        const done = inFlight.splice(pick(inFlight.length), 1)[0]
        if (pick(2) === 0) {
          log.stored(done.key, done.version)
          cache[done.key] = done.version
        }
        log.unpin(done.key, done.version)
      }
      const held = [...inFlight, ...(cache[key] >= 0 ? [{key, version: cache[key]}] : [])]
      for (const copy of held) {
        const expected = commitTimes[copy.key][copy.version]
        const answer = log.firstNewerCommitTime(copy.key, copy.version)
        checked++
        if (answer !== expected) wrong.push(`key ${copy.key} version ${copy.version}: ${answer} instead of ${expected}`)
      }
      if (step % 100 === 0) {
        const retained = log.retained()
        if (retained > KEYS + inFlight.length) wrong.push(`step ${step}: ${retained} retained`)
        mostRetained = Math.max(mostRetained, retained)
      }
    }
    expect(wrong.slice(0, 5)).toEqual([])
    expect(checked).toBeGreaterThan(1_000_000)
    expect(writes).toBeGreaterThan(100_000)
    // The full history keeps one entry per write; the held log at most one per key plus the operations in flight.
    expect(full.retained()).toBe(writes)
    expect(mostRetained).toBeLessThanOrEqual(KEYS + 64)
  })

  it('a version cached ahead of the origin (write-behind) gets its successor when the origin moves past it', () => {
    const log = new HeldVersionLog(1)
    log.stored(0, 1) // the cache holds version 1 before the origin commits it
    expect(log.firstNewerCommitTime(0, 1)).toBeUndefined()
    log.commit(0, 10) // version 1
    log.commit(0, 25) // version 2: newer than the cached copy
    log.commit(0, 40)
    expect(log.firstNewerCommitTime(0, 1)).toBe(25)
    expect(log.retained()).toBe(1)
  })
})
