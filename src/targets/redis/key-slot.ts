/**
 * Redis Cluster's key → slot mapping: CRC16 (XMODEM: polynomial 0x1021, initial value 0) of the
 * key modulo 16384, where a non-empty `{tag}` hashes only the tag, as the cluster specification
 * defines it. Needed to group pipelined commands and cleanup deletes by node.
 */
export const SLOT_COUNT = 16384

const CRC16_TABLE = buildTable()

function buildTable(): Uint16Array {
  const table = new Uint16Array(256)
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    table[byte] = crc
  }
  return table
}

function crc16(bytes: ArrayLike<number>, start: number, end: number): number {
  let crc = 0
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ bytes[i]) & 0xff]
  return crc
}

export function keySlot(key: string): number {
  const bytes = isAscii(key) ? asciiCodes(key) : Buffer.from(key, 'utf8')
  let start = 0
  let end = bytes.length
  const open = indexOf(bytes, 0x7b, 0)
  if (open >= 0) {
    const close = indexOf(bytes, 0x7d, open + 1)
    if (close > open + 1) {
      start = open + 1
      end = close
    }
  }
  return crc16(bytes, start, end) % SLOT_COUNT
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

function asciiCodes(text: string): Uint8Array {
  const codes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i)
  return codes
}

function indexOf(bytes: ArrayLike<number>, value: number, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === value) return i
  return -1
}
