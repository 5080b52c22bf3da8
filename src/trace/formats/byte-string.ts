/**
 * Keys and values that servers log escaped (Redis MONITOR's \xHH, memcached watch's %HH) are
 * bytes, not text: a key may be any bytes, valid UTF-8 or not. The readers unescape them into
 * byte strings, one character per byte (as latin1 reads them), so every byte sequence is a
 * distinct key and a string's length is its size in bytes. Reading \xC3\xA9 as the two UTF-8
 * bytes of one character would count a byte ≥ 0x80 twice; reading %FF as text refuses a key
 * memcached stored and logged.
 */

/** A character a server would have escaped: the file held it as UTF-8. */
const NOT_ASCII = /[^\x00-\x7f]/

/**
 * `text[start, end)`, a run the log wrote as it is, as a byte string: ASCII as it is (servers
 * escape every other byte), anything else as the UTF-8 bytes the file held.
 */
export function literalBytes(text: string, start: number, end: number): string {
  const run = text.slice(start, end)
  return NOT_ASCII.test(run) ? Buffer.from(run, 'utf8').toString('latin1') : run
}

/** The value of two hex digits at `text[at]`, or NaN. */
export function hexByte(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at))
  const low = hexDigit(text.charCodeAt(at + 1))
  return high < 0 || low < 0 ? Number.NaN : high * 16 + low
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10
  return -1
}

/** A URL-encoded key (memcached watch's `key=`) as a byte string; null when a % is not followed by two hex digits. */
export function percentDecodedBytes(text: string): string | null {
  let decoded = ''
  let runStart = 0
  let index = text.indexOf('%')
  if (index < 0) return literalBytes(text, 0, text.length)
  while (index >= 0) {
    const byte = hexByte(text, index + 1)
    if (Number.isNaN(byte)) return null
    decoded += literalBytes(text, runStart, index) + String.fromCharCode(byte)
    runStart = index + 3
    index = text.indexOf('%', runStart)
  }
  return decoded + literalBytes(text, runStart, text.length)
}
