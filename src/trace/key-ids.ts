import {ByteKeyTable} from './byte-key-table.js'
import {WordKeyTable} from './word-key-table.js'

/**
 * Trace keys as dense integer ids in order of first appearance: the runner, origin and engine
 * index keys 0..n−1, and the tables grow with distinct keys only, never with the trace's length.
 * A reader hands its keys in one form — text, 64-bit words or raw bytes — always the same one
 * for a given format, so a key has one id.
 */
export class KeyIds {
  private readonly ids = new Map<string | number, number>()
  private words: WordKeyTable | null = null
  private bytes: ByteKeyTable | null = null
  private count = 0

  get size(): number {
    return this.count
  }

  idOf(key: string | number): number {
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.count++
      this.ids.set(typeof key === 'string' ? ownCopy(key) : key, id)
    }
    return id
  }

  /** A 64-bit numeric key as its high and low 32-bit words. */
  idOfWords(high: number, low: number): number {
    this.words ??= new WordKeyTable()
    const id = this.words.idOf(high, low, this.count)
    if (id === this.count) this.count++
    return id
  }

  /** A text key as the bytes bytes[start, end). */
  idOfBytes(bytes: Uint8Array, start: number, end: number): number {
    this.bytes ??= new ByteKeyTable()
    const id = this.bytes.idOf(bytes, start, end, this.count)
    if (id === this.count) this.count++
    return id
  }
}

/**
 * A key cut from a line is, in V8, a slice that keeps the whole decoded chunk (1 MiB of trace
 * text) alive; the map keeps its own copy, so what it holds is the keys and nothing more.
 */
function ownCopy(key: string): string {
  return Buffer.from(key, 'utf8').toString('utf8')
}
