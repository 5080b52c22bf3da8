import type {LatencySpec} from '../workload/types.js'
import {Gaussian} from './gaussian.js'
import type {Random} from './random.js'

/** Draws service times in milliseconds (for the simulated origin and the builtin cache). */
export interface LatencyModel {
  sample(): number
  /** The model's median, for reports and sanity checks. */
  readonly medianMs: number
}

/** z of the standard normal's 99th percentile. */
const Z99 = 2.3263478740408408

export function createLatencyModel(spec: LatencySpec, random: Random): LatencyModel {
  switch (spec.distribution) {
    case 'fixed': {
      return {medianMs: spec.ms, sample: () => spec.ms}
    }

    case 'uniform': {
      const span = spec.maxMs - spec.minMs
      return {medianMs: spec.minMs + span / 2, sample: () => spec.minMs + span * random.next()}
    }

    case 'lognormal': {
      // median = e^mu and p99 = e^(mu + Z99·sigma) pin the two parameters.
      const mu = Math.log(spec.medianMs)
      const sigma = (Math.log(spec.p99Ms) - mu) / Z99
      const gaussian = new Gaussian(random)
      return {medianMs: spec.medianMs, sample: () => Math.exp(mu + sigma * gaussian.next())}
    }
  }
}
