import {InputError} from '../errors.js'
import type {ValueSizeSpec} from '../workload/types.js'
import {Gaussian} from './gaussian.js'
import type {Random} from './random.js'
import {uniformIndex} from './uniform.js'

/** Size in whole bytes of each value written. */
export interface ValueSizeGenerator {
  next(): number
}

class FixedSize implements ValueSizeGenerator {
  private readonly bytes: number

  constructor(bytes: number) {
    this.bytes = bytes
  }

  next(): number {
    return this.bytes
  }
}

/** Every whole byte count in [min, max], both ends included, equally likely. */
class UniformSize implements ValueSizeGenerator {
  private readonly min: number
  private readonly span: number
  private readonly random: Random

  constructor(min: number, max: number, random: Random) {
    this.min = min
    this.span = max - min + 1
    this.random = random
  }

  next(): number {
    return this.min + uniformIndex(this.random, this.span)
  }
}

/** A normal draw rounded to whole bytes; values outside [min, max] are clamped, not redrawn. */
class NormalSize implements ValueSizeGenerator {
  private readonly mean: number
  private readonly stddev: number
  private readonly min: number
  private readonly max: number
  private readonly gaussian: Gaussian

  constructor(mean: number, stddev: number, min: number, max: number, random: Random) {
    this.mean = mean
    this.stddev = stddev
    this.min = min
    this.max = max
    this.gaussian = new Gaussian(random)
  }

  next(): number {
    const bytes = Math.round(this.mean + this.stddev * this.gaussian.next())
    return bytes < this.min ? this.min : bytes > this.max ? this.max : bytes
  }
}

export function createValueSizeGenerator(spec: ValueSizeSpec, random: Random): ValueSizeGenerator {
  switch (spec.distribution) {
    case 'fixed': {
      requireNonNegative('values.size', spec.bytes)
      return new FixedSize(Math.round(spec.bytes))
    }
    case 'uniform': {
      const [min, max] = wholeByteBounds(spec.minBytes, spec.maxBytes)
      return new UniformSize(min, max, random)
    }
    case 'normal': {
      const [min, max] = wholeByteBounds(spec.minBytes, spec.maxBytes)
      requireNonNegative('values.stddev', spec.stddevBytes)
      if (!Number.isFinite(spec.meanBytes)) throw new InputError(`values.mean must be a number of bytes, got ${spec.meanBytes}.`)
      return new NormalSize(spec.meanBytes, spec.stddevBytes, min, max, random)
    }
  }
}

/** The whole byte counts inside [minBytes, maxBytes]; sizes parsed from units may be fractional. */
function wholeByteBounds(minBytes: number, maxBytes: number): [number, number] {
  requireNonNegative('values.min', minBytes)
  requireNonNegative('values.max', maxBytes)
  const min = Math.ceil(minBytes)
  const max = Math.floor(maxBytes)
  if (min > max) throw new InputError(`values.min (${minBytes} B) must not exceed values.max (${maxBytes} B).`)
  return [min, max]
}

function requireNonNegative(field: string, bytes: number): void {
  if (!(bytes >= 0 && Number.isFinite(bytes))) throw new InputError(`${field} must be a non-negative number of bytes, got ${bytes}.`)
}
