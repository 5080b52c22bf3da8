import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {keyspace} from './helpers.js'

describe('sequential keys', () => {
  it('counts up and wraps to 0', () => {
    const keys = createKeyDistribution(keyspace({count: 4, distribution: 'sequential'}), createRandom(1, 1))
    expect(Array.from({length: 10}, () => keys.nextKey())).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
  })

  it('shares one cursor between reads and writes', () => {
    const keys = createKeyDistribution(keyspace({count: 5, distribution: 'sequential'}), createRandom(1, 1))
    const sequence = [keys.nextKey(), keys.nextWriteKey(), keys.nextKey(), keys.nextWriteKey(), keys.nextWriteKey(), keys.nextKey()]
    expect(sequence).toEqual([0, 1, 2, 3, 4, 0])
  })

  it('is the same for every seed', () => {
    const a = createKeyDistribution(keyspace({distribution: 'sequential'}), createRandom(1, 1))
    const b = createKeyDistribution(keyspace({distribution: 'sequential'}), createRandom(2, 1))
    for (let i = 0; i < 2000; i++) expect(a.nextKey()).toBe(b.nextKey())
  })
})
