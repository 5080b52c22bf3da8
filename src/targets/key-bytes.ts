import {grownInt32, grownLength} from '../engine/typed-array-growth.js'
import {KEY_NAME_CACHE_LIMIT, type KeyNames} from './key-names.js'

const INITIAL_ARENA_BYTES = 64 * 1024
/** Keys up to this many bytes are copied byte by byte; longer ones with one Buffer.copy. */
const COPIED_BY_BYTE = 64

/**
 * Each key's name on the server as the bytes a command carries (UTF-8), encoded once per key id
 * into one arena, for the lean encoders. Reading the name string a character at a time on every
 * command cost a pipelined Redis GET a generic property load per character in the optimised
 * encoder (V8's LoadIC builtin: a twentieth of the client's CPU in a profile at --pipeline 16);
 * bytes copied from a typed array cost none. Ids past the name cache's limit are encoded from
 * their names on every command, as before.
 */
export class KeyBytes {
  private arena = Buffer.allocUnsafeSlow(INITIAL_ARENA_BYTES)
  private used = 0
  /** Per key id: where its bytes start in the arena, −1 until first used. */
  private starts: Int32Array
  private lengths: Int32Array

  constructor(
    private readonly names: KeyNames,
    keyCount: number,
  ) {
    const kept = Math.min(keyCount, KEY_NAME_CACHE_LIMIT)
    this.starts = new Int32Array(kept).fill(-1)
    this.lengths = new Int32Array(kept)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    const old = this.starts.length
    if (count <= old || old === KEY_NAME_CACHE_LIMIT) return
    const length = Math.min(grownLength(old, count), KEY_NAME_CACHE_LIMIT)
    this.starts = grownInt32(this.starts, length, -1)
    this.lengths = grownInt32(this.lengths, length, 0)
  }

  /** The key's name's length in bytes. */
  byteLength(key: number): number {
    if (key >= this.starts.length) return Buffer.byteLength(this.names.of(key), 'utf8')
    if (this.starts[key] < 0) this.encode(key)
    return this.lengths[key]
  }

  /** Writes the key's name into `into` at `at`, where byteLength(key) bytes must be free; returns that count. */
  write(key: number, into: Buffer, at: number): number {
    if (key >= this.starts.length) return into.write(this.names.of(key), at, 'utf8')
    if (this.starts[key] < 0) this.encode(key)
    const start = this.starts[key]
    const length = this.lengths[key]
    const arena = this.arena
    if (length > COPIED_BY_BYTE) return arena.copy(into, at, start, start + length)
    for (let i = 0; i < length; i++) into[at + i] = arena[start + i]
    return length
  }

  private encode(key: number): void {
    const name = this.names.of(key)
    const length = Buffer.byteLength(name, 'utf8')
    if (this.used + length > this.arena.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.arena.length * 2, this.used + length))
      this.arena.copy(grown, 0, 0, this.used)
      this.arena = grown
    }
    this.arena.write(name, this.used, 'utf8')
    this.starts[key] = this.used
    this.lengths[key] = length
    this.used += length
  }
}
