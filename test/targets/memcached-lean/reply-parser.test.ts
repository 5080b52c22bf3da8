import {describe, expect, it} from 'vitest'
import {ProtocolError, ReplyParser, type ReplySink, STATUS} from '../../../src/targets/memcached/lean/reply-parser.js'
import {RequestBuffer} from '../../../src/targets/memcached/lean/request-buffer.js'

type Reply = {value: string} | {status: string} | {line: string}

/** A parser that records every reply, each value copied (the parser hands out views). */
function recording(): {parser: ReplyParser; replies: Reply[]} {
  const replies: Reply[] = []
  const sink: ReplySink = {
    value: (data, start, length) => replies.push({value: data.toString('latin1', start, start + length)}),
    status: (code) => replies.push({status: String.fromCharCode(code >> 8, code & 0xff)}),
    line: (text) => replies.push({line: text}),
  }
  return {parser: new ReplyParser(sink), replies}
}

// Values holding CR, LF and "VA " themselves: the parser must go by the announced size, not by content.
const tricky = 'a\r\nEN\r\nVA 3\r\n\u0000\u00ff'
const big = Buffer.alloc(70_000, 'x').toString('latin1')
const STREAM = [
  `VA 5\r\nhello\r\n`,
  `EN\r\n`,
  `VA ${Buffer.byteLength(tricky, 'latin1')}\r\n${tricky}\r\n`,
  `HD\r\n`,
  `NF\r\n`,
  `VA 0\r\n\r\n`,
  `STAT pid 42\r\nSTAT version 1.6.18\r\nEND\r\n`,
  `OK\r\n`,
  `SERVER_ERROR out of memory storing object\r\n`,
  `VA 8 f1 t-1\r\nflagged!\r\n`,
].join('')
const EXPECTED: Reply[] = [
  {value: 'hello'},
  {status: 'EN'},
  {value: tricky},
  {status: 'HD'},
  {status: 'NF'},
  {value: ''},
  {line: 'STAT pid 42'},
  {line: 'STAT version 1.6.18'},
  {line: 'END'},
  {status: 'OK'},
  {line: 'SERVER_ERROR out of memory storing object'},
  {value: 'flagged!'},
]

describe('ReplyParser', () => {
  it('reads a stream of mixed replies fed whole', () => {
    const {parser, replies} = recording()
    parser.feed(Buffer.from(STREAM, 'latin1'))
    expect(replies).toEqual(EXPECTED)
  })

  it('gives the same replies when the stream is split in two at every byte boundary', () => {
    const stream = Buffer.from(STREAM, 'latin1')
    for (let split = 1; split < stream.length; split++) {
      const {parser, replies} = recording()
      parser.feed(stream.subarray(0, split))
      parser.feed(stream.subarray(split))
      expect(replies, `split at byte ${split}`).toEqual(EXPECTED)
    }
  })

  it('gives the same replies when fed one byte at a time', () => {
    const stream = Buffer.from(STREAM, 'latin1')
    const {parser, replies} = recording()
    for (let i = 0; i < stream.length; i++) parser.feed(stream.subarray(i, i + 1))
    expect(replies).toEqual(EXPECTED)
  })

  it('reads 40 replies of one read back to back, each value where it lies in the read', () => {
    const values = Array.from({length: 40}, (_, i) => 'v'.repeat(i * 7) + String(i))
    const stream = values.map((value, i) => (i % 3 === 2 ? 'EN\r\n' : `VA ${value.length}\r\n${value}\r\n`)).join('')
    const starts: number[] = []
    const replies: Reply[] = []
    const parser = new ReplyParser({
      value: (data, start, length) => {
        starts.push(start)
        replies.push({value: data.toString('latin1', start, start + length)})
      },
      status: (code) => replies.push({status: String.fromCharCode(code >> 8, code & 0xff)}),
      line: (text) => replies.push({line: text}),
    })
    const read = Buffer.from(stream, 'latin1')
    parser.feed(read)
    expect(replies).toEqual(values.map((value, i) => (i % 3 === 2 ? {status: 'EN'} : {value})))
    // Where each value's data begins, counted from the texts that precede it.
    const expectedStarts = values.flatMap((value, i) => (i % 3 === 2 ? [] : [stream.indexOf(`VA ${value.length}\r\n${value}\r\n`) + `VA ${value.length}\r\n`.length]))
    expect(starts).toEqual(expectedStarts)
  })

  it('assembles a value larger than any single read', () => {
    const stream = Buffer.from(`VA ${big.length}\r\n${big}\r\nEN\r\n`, 'latin1')
    const {parser, replies} = recording()
    for (let start = 0; start < stream.length; start += 16_384) parser.feed(stream.subarray(start, start + 16_384))
    expect(replies).toEqual([{value: big}, {status: 'EN'}])
    expect(STATUS.miss).toBe(('E'.charCodeAt(0) << 8) | 'N'.charCodeAt(0))
  })

  it.each([
    ['a data block not followed by CRLF', 'VA 2\r\nabc\r\n'],
    ['a malformed size', 'VA x1\r\n'],
    ['a size past 1 GiB', 'VA 12345678901\r\nx\r\n'],
    ['a whole reply whose data is not followed by CRLF', 'VA 1\r\nxy\r\nEN\r\n'],
    ['a line with no end', 'S'.repeat(70_000)],
  ])('refuses %s', (_name, text) => {
    const {parser} = recording()
    expect(() => parser.feed(Buffer.from(text, 'latin1'))).toThrow(ProtocolError)
  })
})

describe('RequestBuffer', () => {
  it('encodes meta commands back to back into one buffer, keys as UTF-8 bytes', () => {
    const requests = new RequestBuffer()
    requests.get('k:1')
    requests.set('clé', Buffer.from('v\r\n'), 0)
    requests.set('k:2', Buffer.from('xy'), 300)
    requests.delete('k:3')
    requests.text('stats')
    expect(requests.commands).toBe(5)
    const batch = requests.take()
    expect(batch.toString('utf8')).toBe('mg k:1 v\r\nms clé 3\r\nv\r\n\r\nms k:2 2 T300\r\nxy\r\nmd k:3\r\nstats\r\n')
    expect(requests.empty).toBe(true)
    // The next batch starts after the last; the one taken is left as it was.
    requests.get('k:4')
    expect(requests.take().toString()).toBe('mg k:4 v\r\n')
    expect(batch.toString('utf8').startsWith('mg k:1 v\r\n')).toBe(true)
  })

  it('grows for a value larger than its arena, keeping the batch already built', () => {
    const requests = new RequestBuffer()
    requests.get('a')
    const value = Buffer.alloc(2 * 1024 * 1024, 7)
    requests.set('b', value, 0)
    const batch = requests.take()
    const head = 'mg a v\r\nms b 2097152\r\n'
    expect(batch.length).toBe(head.length + value.length + 2)
    expect(batch.subarray(0, head.length).toString()).toBe(head)
    expect(batch.subarray(head.length, head.length + value.length).equals(value)).toBe(true)
  })
})
