import {InputError} from '../errors.js'
import {DISTRIBUTION_NAMES, type DistributionName, type KeyspaceSpec} from '../workload/types.js'
import {createExponentialKeys} from './exponential.js'
import {createHotspotKeys} from './hotspot.js'
import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import {createLatestKeys} from './latest.js'
import type {Random} from './random.js'
import {spatiallySampled} from './spatial-sample.js'
import {createScrambledZipfianKeys} from './scrambled-zipfian.js'
import {createSequentialKeys} from './sequential.js'
import {createUniformKeys} from './uniform.js'
import {createZipfianKeys} from './zipfian.js'

/** Typed as a Record so a name added to DISTRIBUTION_NAMES without a factory fails to compile. */
const FACTORIES: Record<DistributionName, KeyDistributionFactory> = {
  uniform: createUniformKeys,
  zipfian: createZipfianKeys,
  'scrambled-zipfian': createScrambledZipfianKeys,
  hotspot: createHotspotKeys,
  latest: createLatestKeys,
  sequential: createSequentialKeys,
  exponential: createExponentialKeys,
}

/** Key indices are drawn with 32 random bits (see uniformIndex), which bounds the keyspace. */
export const MAX_KEY_COUNT = 2 ** 32

export function createKeyDistribution(spec: KeyspaceSpec, random: Random): KeyDistribution {
  const {count, distribution} = spec
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_KEY_COUNT)) {
    throw new InputError(`keyspace.count must be a whole number from 1 to ${MAX_KEY_COUNT}, got ${count}.`)
  }
  if (!Object.hasOwn(FACTORIES, distribution)) {
    throw new InputError(`keyspace.distribution "${distribution}" is unknown; use one of ${DISTRIBUTION_NAMES.join(', ')}.`)
  }
  const keys = FACTORIES[distribution](spec, random)
  return spec.sample === undefined ? keys : spatiallySampled(keys, spec.sample.rate)
}
