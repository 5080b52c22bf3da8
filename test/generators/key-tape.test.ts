import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import type {KeyDistribution} from '../../src/generators/key-distribution.js'
import {KeyTapes} from '../../src/generators/key-tape.js'
import {createRandom} from '../../src/generators/random.js'
import type {KeyspaceSpec} from '../../src/workload/types.js'
import {keyspace} from './helpers.js'

const drawn = (keys: KeyDistribution, count: number, write = (index: number) => index % 3 === 0): number[] =>
  Array.from({length: count}, (_, index) => (write(index) ? keys.nextWriteKey() : keys.nextKey()))

function fresh(spec: KeyspaceSpec, seed: number): () => KeyDistribution {
  return () => createKeyDistribution(spec, createRandom(seed, 1))
}

describe('key tapes', () => {
  it('give each run of a stream the keys a distribution of its own gives, read side by side, past the tape and at any mix of reads and writes', () => {
    const spec = keyspace({count: 5000, distribution: 'zipfian'})
    const expected = drawn(fresh(spec, 7)(), 1000)
    // A tape of 300 keys: every run below goes past it.
    const tapes = new KeyTapes(300)
    const first = tapes.keys('stream', fresh(spec, 7))
    const second = tapes.keys('stream', fresh(spec, 7))
    // The second run is ahead of the first for a while: it records, the first replays.
    const secondKeys = drawn(second, 200, () => true)
    const firstKeys = drawn(first, 1000, () => false)
    secondKeys.push(...drawn(second, 800, (index) => index % 2 === 0))
    expect(firstKeys).toEqual(expected)
    expect(secondKeys).toEqual(expected)
    // A later run replays what the earlier ones recorded.
    expect(drawn(tapes.keys('stream', fresh(spec, 7)), 1000)).toEqual(expected)
  })

  it('keep streams of different names apart', () => {
    const spec = keyspace({count: 5000, distribution: 'uniform'})
    const tapes = new KeyTapes()
    drawn(tapes.keys('seed 7', fresh(spec, 7)), 100)
    expect(drawn(tapes.keys('seed 8', fresh(spec, 8)), 100)).toEqual(drawn(fresh(spec, 8)(), 100))
  })

  it('leave a distribution that models inserts untaped: its keys depend on the mix', () => {
    const spec = keyspace({count: 5000, distribution: 'latest'})
    const tapes = new KeyTapes()
    const readsOnly = drawn(tapes.keys('latest', fresh(spec, 9)), 500, () => false)
    const mixed = drawn(tapes.keys('latest', fresh(spec, 9)), 500)
    expect(readsOnly).toEqual(drawn(fresh(spec, 9)(), 500, () => false))
    expect(mixed).toEqual(drawn(fresh(spec, 9)(), 500))
    expect(mixed).not.toEqual(readsOnly)
  })

  it('tape a sampled stream of a distribution that does not model inserts, and leave a sampled latest untaped', () => {
    const sampled = keyspace({count: 5000, distribution: 'zipfian', sample: {rate: 0.2}})
    const tapes = new KeyTapes()
    const taped = tapes.keys('sampled', fresh(sampled, 3))
    expect(taped.modelsInserts).toBeUndefined()
    expect(drawn(taped, 300)).toEqual(drawn(fresh(sampled, 3)(), 300))
    expect(tapes.keys('sampled latest', fresh({...sampled, distribution: 'latest'}, 3)).modelsInserts).toBe(true)
  })
})
