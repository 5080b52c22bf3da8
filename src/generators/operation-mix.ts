import {InputError} from '../errors.js'
import {MIX_KINDS, type MixKind, type MixSpec} from '../workload/types.js'
import type {Random} from './random.js'

/** The kind of each successive operation, drawn by weight. */
export interface OperationMix {
  next(): MixKind
}

/**
 * Inverse-CDF choice over the kinds of positive weight only. The last one takes everything above
 * the previous cumulative bound, so weights whose sum rounds a little below 1 can never let a
 * zero-weight kind through.
 */
class WeightedMix implements OperationMix {
  private readonly kinds: MixKind[]
  private readonly upperBounds: Float64Array
  private readonly random: Random

  constructor(kinds: MixKind[], upperBounds: Float64Array, random: Random) {
    this.kinds = kinds
    this.upperBounds = upperBounds
    this.random = random
  }

  next(): MixKind {
    const u = this.random.next()
    let index = 0
    while (u >= this.upperBounds[index]) index++
    return this.kinds[index]
  }
}

/** Weights need not sum exactly to 1: they are divided by their total. */
export function createOperationMix(mix: MixSpec, random: Random): OperationMix {
  for (const kind of MIX_KINDS) {
    const weight = mix[kind] ?? 0
    if (!(weight >= 0 && Number.isFinite(weight))) throw new InputError(`mix.${kind} must be a non-negative number, got ${weight}.`)
  }
  const kinds = MIX_KINDS.filter((kind) => (mix[kind] ?? 0) > 0)
  if (kinds.length === 0) throw new InputError('mix must give a positive weight to at least one of read, write, delete.')
  const total = kinds.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0)
  const upperBounds = new Float64Array(kinds.length)
  let cumulative = 0
  kinds.forEach((kind, index) => {
    cumulative += (mix[kind] ?? 0) / total
    upperBounds[index] = cumulative
  })
  upperBounds[kinds.length - 1] = Number.POSITIVE_INFINITY
  return new WeightedMix(kinds, upperBounds, random)
}
