/**
 * How a message travels: a 24-byte header — magic "cbm1", the intended publish time (ms on the
 * run's clock, float64: latency is measured from it, so an open loop that falls behind shows it),
 * the publisher id (uint32) and that publisher's sequence number (float64, exact to 2^53) —
 * padded with zeros to the workload's payload size. The same header on every target, so Pub/Sub
 * and Streams, real and simulated, are measured alike.
 */
import {MESSAGE_HEADER_BYTES} from '../workload/limits.js'

export {MESSAGE_HEADER_BYTES}
const MAGIC = 0x63626d31 // "cbm1"

export interface MessageHeader {
  /** When the message was meant to be published: ms since the run started, on the run's clock. */
  intendedMs: number
  publisher: number
  /** 0, 1, 2, … per publisher, in publish order. */
  sequence: number
}

export function encodeMessage(header: MessageHeader, payloadBytes: number): Buffer {
  const buffer = Buffer.alloc(Math.max(payloadBytes, MESSAGE_HEADER_BYTES))
  buffer.writeUInt32BE(MAGIC, 0)
  buffer.writeDoubleBE(header.intendedMs, 4)
  buffer.writeUInt32BE(header.publisher, 12)
  buffer.writeDoubleBE(header.sequence, 16)
  return buffer
}

/** Null for anything cache-bench did not publish (a foreign or truncated message). */
export function decodeMessage(buffer: Uint8Array | null | undefined): MessageHeader | null {
  if (!buffer || buffer.length < MESSAGE_HEADER_BYTES) return null
  const view = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  if (view.readUInt32BE(0) !== MAGIC) return null
  return {intendedMs: view.readDoubleBE(4), publisher: view.readUInt32BE(12), sequence: view.readDoubleBE(16)}
}
