import {describe, expect, it} from 'vitest'
import {MetaGetScanner, RespGetScanner, type ReplyScanner} from '../../bench/bare-socket-gets.js'

/** Feeds `text` to a fresh scanner in reads of `size` bytes, each into a larger buffer as a socket's onread does; returns replies and misses. */
function scanInReads(scanner: ReplyScanner, text: string, size: number): {replies: number; misses: number} {
  const bytes = Buffer.from(text, 'latin1')
  const buffer = Buffer.alloc(1 << 16, 0x21)
  let replies = 0
  for (let at = 0; at < bytes.length; at += size) {
    const length = bytes.copy(buffer, 0, at, at + size)
    replies += scanner.scan(buffer, length)
  }
  return {replies, misses: scanner.misses}
}

// Values that hold the framing's own bytes: a scanner that looked for CRLF or "EN" inside a value would miscount.
const VALUE = 'x'.repeat(100) + '\r\n$3\r\nEN\r\nVA 2\r\n'

describe("the bench's bare socket loop finds every reply, however the bytes are split across reads", () => {
  it('RESP: bulk values, an empty value, nil (a miss) and an error line', () => {
    const text = `$${VALUE.length}\r\n${VALUE}\r\n$-1\r\n$0\r\n\r\n-ERR wrong\r\n$${VALUE.length}\r\n${VALUE}\r\n`
    for (let size = 1; size <= text.length; size++) expect(scanInReads(new RespGetScanner(), text, size)).toEqual({replies: 5, misses: 1})
  })

  it('memcached meta: VA with and without flags, an empty value, EN (a miss) and error lines', () => {
    const text = `VA ${VALUE.length}\r\n${VALUE}\r\nEN\r\nVA 0\r\n\r\nVA 3 f1 t-1\r\nabc\r\nSERVER_ERROR out of memory\r\nERROR\r\n`
    for (let size = 1; size <= text.length; size++) expect(scanInReads(new MetaGetScanner(), text, size)).toEqual({replies: 6, misses: 1})
  })
})
