/**
 * Seeded pseudo-random numbers. Every consumer (keys, mix, sizes, latencies, jitter) takes its
 * own stream, so changing one part of a workload does not reshuffle the others.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number
}

/** Well-known stream numbers, so the same seed always feeds the same consumer. */
export const Stream = {
  keys: 1,
  mix: 2,
  valueSizes: 3,
  originLatency: 4,
  ttlJitter: 5,
  cacheLatency: 6,
  initialSizes: 7,
  arrivals: 8,
  cacheEviction: 9,
  // Data-structure operations draw from their own block, so adding them to a mix leaves the
  // sequence of keys and sizes of the key-value operations as it was.
  structureChoices: 16,
  structureMembers: 17,
  structureKeys: 18,
  structureValueSizes: 19,
  // Seeds of the streams a phased run starts afresh in each phase (its data-structure choices).
  phaseSeeds: 24,
} as const

const TWO_POW_32 = 4294967296

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator): 128 bits of state, passes
 * PractRand, and runs on 32-bit integer arithmetic that V8 keeps unboxed.
 */
class Sfc32 implements Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seedA: number, seedB: number, seedC: number) {
    this.a = seedA | 0
    this.b = seedB | 0
    this.c = seedC | 0
    this.d = 1
    for (let i = 0; i < 15; i++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32
  }
}

/** splitmix32 finaliser: spreads nearby seeds (0, 1, 2…) into unrelated states. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** How many variants of one stream a part draws on its own (createRandom's `worker` below a part's next block). */
const OWN_STREAM_VARIANTS = 2

/**
 * The `worker` of createRandom for a stream that each part of a split run (`--workers`,
 * `--shard`) draws on its own: latencies, TTL jitter, value sizes. Keys, the mix and arrivals are
 * drawn in step by every part from the whole run's seed; a part's own streams must not repeat
 * another part's, or a merged histogram counts the same latency once for each part. Part 0, and
 * a run not split, draw what they always did.
 */
export function ownStream(part: {index: number} | undefined, variant = 0): number {
  return (part?.index ?? 0) * OWN_STREAM_VARIANTS + variant
}

/** A generator for (seed, stream, worker): distinct tuples give independent sequences. */
export function createRandom(seed: number, stream = 0, worker = 0): Random {
  const s = mix32(seed >>> 0) ^ mix32(Math.floor(seed / TWO_POW_32))
  return new Sfc32(mix32(s), mix32(s ^ mix32(stream + 0x51ed27)), mix32(s ^ mix32(worker + 0x2545f491)))
}
