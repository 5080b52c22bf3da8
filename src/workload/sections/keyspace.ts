import {z} from 'zod'
import {MAX_KEYS} from '../limits.js'
import {boundedNumber, choice, wholeNumber} from '../fields.js'
import {DISTRIBUTION_NAMES, MAX_THETA, type KeyspaceSpec} from '../types.js'

/** Zipf exponents: below 1 YCSB's approximation, from 1 the exact sampler. */
export const THETA_RANGE = {min: 0, max: MAX_THETA, minExclusive: true} as const

const hotspot = z
  .strictObject({
    hotFraction: boundedNumber({min: 0, max: 1, minExclusive: true, maxExclusive: true}, 'Fraction of the keys that are hot.').prefault(0.2),
    hotOpFraction: boundedNumber({min: 0, max: 1}, 'Fraction of the operations that go to the hot keys.').prefault(0.8),
  })
  .meta({description: 'Shape of the hotspot distribution.'})

const exponential = z
  .strictObject({
    percentile: boundedNumber({min: 0, max: 100, minExclusive: true, maxExclusive: true}, 'Percentage of operations that fall on the first `fraction` of the keys.').prefault(95),
    fraction: boundedNumber({min: 0, max: 1, minExclusive: true}, 'Fraction of the keys that receive `percentile` % of the operations.').prefault(0.8571428571),
  })
  .meta({description: 'Shape of the exponential distribution (as in YCSB).'})

/** The distribution's shape parameters, shared by every section that picks from a numbered set (keys, channels). */
export const distributionShapeFields = {
  theta: boundedNumber(THETA_RANGE, 'Skew of the zipfian family and latest (YCSB uses 0.99); from 1 up the picks follow an exact Zipf law.').prefault(0.99),
  hotspot: hotspot.prefault({}),
  exponential: exponential.prefault({}),
}

export const keyspaceSection: z.ZodType<KeyspaceSpec, unknown> = z
  .strictObject({
    count: wholeNumber(1, 'Number of distinct keys.', MAX_KEYS).prefault(100_000),
    distribution: choice(DISTRIBUTION_NAMES, 'How operations pick keys.').prefault('zipfian'),
    ...distributionShapeFields,
  })
  .meta({description: 'The keys and how often each is used.'})

/** The shapes of the two parametrised distributions, for the phases that override them. */
export {hotspot as hotspotField, exponential as exponentialField}
