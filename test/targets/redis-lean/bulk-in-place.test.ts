import {describe, expect, it} from 'vitest'
import {type Decode, PendingReplies} from '../../../src/targets/redis/lean/pending-replies.js'
import {type Reply, ReplyParser} from '../../../src/targets/redis/lean/reply-parser.js'
import {decodeValue, decodeValueInPlace, encodeValue} from '../../../src/targets/value-codec.js'

const value = encodeValue({version: 7, committedAt: 1234.5, size: 100})
const bulk = (bytes: Buffer): Buffer => Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n')])

/** GET replies for three commands whose decoder reads in place: a hit, a miss, a foreign value. */
const stream = Buffer.concat([bulk(value), Buffer.from('$-1\r\n'), bulk(Buffer.from('not ours')), Buffer.from('*1\r\n'), bulk(value)])

function settleAll(chunks: Buffer[]): {decoded: unknown[]; arrays: Reply[]} {
  const pending = new PendingReplies()
  const decoded: unknown[] = []
  for (let i = 0; i < 3; i++) pending.push((reply) => decoded.push(reply), (error) => decoded.push(error), Number.POSITIVE_INFINITY, decodeValueInPlace as Decode)
  const arrays: Reply[] = []
  const parser = new ReplyParser(
    (reply) => {
      // The array of the last command comes here: its command has no decoder.
      if (!pending.settleNext(reply, () => null)) arrays.push(reply)
    },
    (data, start, length) => pending.settleNextAt(data, start, length),
  )
  for (const chunk of chunks) parser.feed(chunk)
  return {decoded, arrays}
}

describe('bulk replies read where they lie in the read buffer', () => {
  it('settle with what decodeValue makes of a copy, the chunk whole and split at every byte boundary', () => {
    const expected = [decodeValue(Buffer.from(value)), null, null]
    expect(expected[0]).toEqual({version: 7, committedAt: 1234.5, size: 100})
    expect(settleAll([stream])).toEqual({decoded: expected, arrays: [[Buffer.from(value)]]})
    for (let cut = 1; cut < stream.length; cut++) {
      expect(settleAll([stream.subarray(0, cut), stream.subarray(cut)])).toEqual({decoded: expected, arrays: [[Buffer.from(value)]]})
    }
  })

  it('a command without an in-place decoder gets its own buffer, as before', () => {
    const pending = new PendingReplies()
    const got: Reply[] = []
    pending.push((reply) => got.push(reply), () => {}, Number.POSITIVE_INFINITY)
    const parser = new ReplyParser(
      (reply) => pending.settleNext(reply, () => null),
      (data, start, length) => pending.settleNextAt(data, start, length),
    )
    const chunk = Buffer.from(bulk(Buffer.from('hello')))
    parser.feed(chunk)
    chunk.fill(0)
    expect(got).toEqual([Buffer.from('hello')])
  })
})
