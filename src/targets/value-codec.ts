import type {CachedValue} from './cache-target.js'

/**
 * How a cached value travels to real servers: a 20-byte header — magic "cbv1", the origin
 * version and its commit time as float64 — padded with zeros to the workload's value size, so
 * servers store and evict realistically sized items while every read can still be classified
 * fresh or stale.
 */
export const VALUE_HEADER_BYTES = 20
const MAGIC = 0x63627631 // "cbv1"

export function encodeValue(value: CachedValue): Buffer {
  const buffer = Buffer.alloc(Math.max(value.size, VALUE_HEADER_BYTES))
  buffer.writeUInt32BE(MAGIC, 0)
  buffer.writeDoubleBE(value.version, 4)
  buffer.writeDoubleBE(value.committedAt, 12)
  return buffer
}

/** Null for anything cache-bench did not write (a foreign or truncated value). */
export function decodeValue(buffer: Buffer | null | undefined): CachedValue | null {
  if (!buffer || buffer.length < VALUE_HEADER_BYTES || buffer.readUInt32BE(0) !== MAGIC) return null
  return {version: buffer.readDoubleBE(4), committedAt: buffer.readDoubleBE(12), size: buffer.length}
}
