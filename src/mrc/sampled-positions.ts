import {MULTIPLIER, signedSpatialHash, SIGNED_SALT} from '../generators/spatial-sample.js'
import {I32, instantiator, op, V128, wasmModule, type Instructions, type ValueType} from './wasm-module.js'

/**
 * SHARDS's first pass over a stream held in an array: which requests of a chunk have a key whose
 * signed spatial hash is at most a limit. Every request of the stream goes through this test and
 * nearly none passes it, so it is most of SHARDS's time on a long stream.
 *
 * In WebAssembly with 128-bit vectors: four keys to an xor, a multiply and a compare, sixteen to
 * a branch. The same test in JavaScript compiled to some fourteen instructions a key (an index
 * computed and checked for overflow and for the array's bounds at every key, beside the hash)
 * and read a 10M-request stream in 13–15 ms; a chunk copied into the module's memory and tested
 * there took 5–6 ms, the copy included (the same stream, the same process). The module is
 * compiled once a process; its memory is fixed: one chunk of keys and their positions.
 */

/** Keys in a chunk: 64 KiB, still in the processor's cache when the sampled ones are read back. */
const CHUNK_KEYS = 16_384
const KEY_BYTES = 4
/** Byte offset of the positions in the module's memory, after the chunk. */
const POSITIONS_AT = CHUNK_KEYS * KEY_BYTES
/** 64 KiB pages: the chunk, then as many positions. */
const PAGES = 2
/** Keys tested to a branch: four vectors of four. */
const GROUP = 16

// The scan function's locals: its two parameters, then its own.
const KEYS = 0
const LIMIT = 1
const AT = 2
const END = 3
const COUNT = 4
const MASK = 5
const SALTS = 6
const MULTIPLIERS = 7
const LIMITS = 8
/** The four vectors' compare results: all ones in the lanes of the keys that pass. */
const PASSED = [9, 10, 11, 12]
const LOCALS: ValueType[] = [I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128]

/** Compares the four keys at byte `offset` past AT with the limit, into `PASSED[vector]`. */
const compare = (vector: number): Instructions => [
  op.localGet(AT), op.v128Load(vector * 16), op.localGet(SALTS), op.v128Xor,
  op.localGet(MULTIPLIERS), op.i32x4Mul, op.localGet(LIMITS), op.i32x4LeS, op.localSet(PASSED[vector]),
]

/** The vector's lanes that passed as bits `4 × vector` to `4 × vector + 3` of an integer. */
const laneBits = (vector: number): Instructions => [op.localGet(PASSED[vector]), op.i32x4Bitmask, op.i32Const(4 * vector), op.i32Shl]

/**
 * `scan(keys, limit)`: for the first `keys` keys of the chunk (a multiple of GROUP), writes the
 * positions of those at most `limit` after the chunk, in order, and returns how many. Sixteen
 * keys go to a branch, and their mask is built only when one of them passed.
 */
const scanBody: Instructions = [
  op.i32Const(SIGNED_SALT), op.i32x4Splat, op.localSet(SALTS),
  op.i32Const(MULTIPLIER), op.i32x4Splat, op.localSet(MULTIPLIERS),
  op.localGet(LIMIT), op.i32x4Splat, op.localSet(LIMITS),
  op.localGet(KEYS), op.i32Const(2), op.i32Shl, op.localSet(END),
  op.block, op.loop,
  op.localGet(AT), op.localGet(END), op.i32GeU, op.brIf(1),
  ...compare(0), ...compare(1), ...compare(2), ...compare(3),
  op.localGet(PASSED[0]), op.localGet(PASSED[1]), op.v128Or, op.localGet(PASSED[2]), op.localGet(PASSED[3]), op.v128Or, op.v128Or,
  op.v128AnyTrue, op.if,
  ...laneBits(0), ...laneBits(1), op.i32Or, ...laneBits(2), op.i32Or, ...laneBits(3), op.i32Or, op.localSet(MASK),
  op.loop,
  // positions[count++] = AT / 4 + the lowest bit's index; then that bit is cleared.
  op.localGet(COUNT), op.i32Const(2), op.i32Shl,
  op.localGet(AT), op.i32Const(2), op.i32ShrU, op.localGet(MASK), op.i32Ctz, op.i32Add,
  op.i32Store(POSITIONS_AT),
  op.localGet(COUNT), op.i32Const(1), op.i32Add, op.localSet(COUNT),
  op.localGet(MASK), op.localGet(MASK), op.i32Const(1), op.i32Sub, op.i32And, op.localTee(MASK), op.brIf(0),
  op.end, op.end,
  op.localGet(AT), op.i32Const(GROUP * KEY_BYTES), op.i32Add, op.localSet(AT),
  op.br(0),
  op.end, op.end,
  op.localGet(COUNT),
]

const newScanner = instantiator(() =>
  wasmModule(PAGES, {name: 'scan', params: [I32, I32], results: [I32], locals: LOCALS, body: scanBody}),
)

export class SampledPositions {
  /** Where the last chunk starts in the stream. */
  start = 0
  /** Positions in the last chunk (add `start` for the stream's) of the keys that passed, ascending; `count` of them. */
  readonly positions: Int32Array
  count = 0
  private readonly chunk: Int32Array
  private readonly scan: (keys: number, limit: number) => number

  constructor() {
    const {memory, exports} = newScanner()
    this.chunk = new Int32Array(memory, 0, CHUNK_KEYS)
    this.positions = new Int32Array(memory, POSITIONS_AT, CHUNK_KEYS)
    this.scan = exports.scan as (keys: number, limit: number) => number
  }

  /**
   * Tests the next chunk of `stream` from `start` against `limit` (a signed hash); returns where
   * it stopped. Keys are taken as 32-bit integers, as `signedSpatialHash` takes them.
   */
  collect(stream: ArrayLike<number>, start: number, limit: number): number {
    const end = Math.min(start + CHUNK_KEYS, stream.length)
    const length = end - start
    const chunk = this.chunk
    if (ArrayBuffer.isView(stream)) chunk.set((stream as Int32Array).subarray(start, end))
    else for (let i = 0; i < length; i++) chunk[i] = stream[start + i]
    const whole = length - (length % GROUP)
    let count = this.scan(whole, limit)
    for (let i = whole; i < length; i++) if (signedSpatialHash(chunk[i]) <= limit) this.positions[count++] = i
    this.start = start
    this.count = count
    return end
  }
}
