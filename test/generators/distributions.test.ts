import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {createKeyDistribution, MAX_KEY_COUNT} from '../../src/generators/distributions.js'
import type {KeyDistribution} from '../../src/generators/key-distribution.js'
import {createRandom} from '../../src/generators/random.js'
import {DISTRIBUTION_NAMES, type DistributionName, type KeyspaceSpec} from '../../src/workload/types.js'
import {keyspace} from './helpers.js'

/** Reads with a write every fifth operation, so latest's moving head is exercised too. */
function sequence(keys: KeyDistribution, length: number): number[] {
  return Array.from({length}, (_, i) => (i % 5 === 4 ? keys.nextWriteKey() : keys.nextKey()))
}

function create(distribution: DistributionName, seed: number, overrides: Partial<KeyspaceSpec> = {}) {
  return createKeyDistribution(keyspace({distribution, ...overrides}), createRandom(seed, 1))
}

describe('key distribution registry', () => {
  for (const name of DISTRIBUTION_NAMES) {
    describe(name, () => {
      it('repeats the same keys for the same seed', () => {
        expect(sequence(create(name, 5), 2000)).toEqual(sequence(create(name, 5), 2000))
      })

      if (name !== 'sequential') {
        it('draws different keys for a different seed', () => {
          expect(sequence(create(name, 5), 2000)).not.toEqual(sequence(create(name, 6), 2000))
        })
      }

      it('yields only whole keys in [0, count)', () => {
        for (const count of [1, 2, 3, 7, 1000, 65_537]) {
          for (const key of sequence(create(name, count, {count}), 20_000)) {
            if (!(Number.isInteger(key) && key >= 0 && key < count)) throw new Error(`${name}: key ${key} outside [0, ${count})`)
          }
        }
      })
    })
  }

  it('rejects keyspace sizes it cannot index', () => {
    for (const count of [0, -1, 1.5, Number.NaN, MAX_KEY_COUNT + 1]) {
      expect(() => create('uniform', 1, {count})).toThrow(InputError)
    }
  })

  it('rejects an unknown distribution by name', () => {
    const spec = {...keyspace(), distribution: 'pareto'} as unknown as KeyspaceSpec
    expect(() => createKeyDistribution(spec, createRandom(1))).toThrow(/keyspace\.distribution "pareto"/)
    const inherited = {...keyspace(), distribution: 'toString'} as unknown as KeyspaceSpec
    expect(() => createKeyDistribution(inherited, createRandom(1))).toThrow(InputError)
  })

  it('rejects theta outside (0, 10] for the zipfian family', () => {
    for (const name of ['zipfian', 'scrambled-zipfian', 'latest'] as const) {
      for (const theta of [0, 10.5, -0.5, Number.NaN]) {
        expect(() => create(name, 1, {theta})).toThrow(/keyspace\.theta/)
      }
    }
  })

  it('rejects hotspot and exponential parameters outside their ranges', () => {
    expect(() => create('hotspot', 1, {hotspot: {hotFraction: 1.5, hotOpFraction: 0.8}})).toThrow(/hotFraction/)
    expect(() => create('hotspot', 1, {hotspot: {hotFraction: 0.2, hotOpFraction: -0.1}})).toThrow(/hotOpFraction/)
    expect(() => create('exponential', 1, {exponential: {percentile: 100, fraction: 0.5}})).toThrow(/percentile/)
    expect(() => create('exponential', 1, {exponential: {percentile: 95, fraction: 0}})).toThrow(/fraction/)
  })
})
