import {describe, expect, it} from 'vitest'
import {RespEncoder} from '../../../src/targets/redis/lean/resp-encoder.js'
import {ProtocolError, type Reply, ReplyError, ReplyParser} from '../../../src/targets/redis/lean/reply-parser.js'

/** Wire bytes of a reply sequence and, written by hand beside them, what each must parse to. */
const WIRE: Array<[string | Buffer, Reply]> = [
  ['+OK\r\n', 'OK'],
  ['+PONG\r\n', 'PONG'],
  ['-ERR unknown command\r\n', new ReplyError('ERR unknown command')],
  [':0\r\n', 0],
  [':1234567\r\n', 1234567],
  [':-42\r\n', -42],
  ['$-1\r\n', null],
  ['$0\r\n\r\n', Buffer.alloc(0)],
  ['$5\r\nhello\r\n', Buffer.from('hello')],
  // A bulk string holds any bytes: CRLF, a NUL, bytes that are not UTF-8.
  [Buffer.concat([Buffer.from('$6\r\n'), Buffer.from([0x0d, 0x0a, 0x00, 0xff, 0xfe, 0x0d]), Buffer.from('\r\n')]), Buffer.from([0x0d, 0x0a, 0x00, 0xff, 0xfe, 0x0d])],
  ['*-1\r\n', null],
  ['*0\r\n', []],
  ['*2\r\n$1\r\n0\r\n*3\r\n$3\r\nk:1\r\n$-1\r\n:7\r\n', [Buffer.from('0'), [Buffer.from('k:1'), null, 7]]],
  ['*2\r\n*1\r\n*1\r\n:1\r\n+OK\r\n', [[[1]], 'OK']],
]

const stream = Buffer.concat(WIRE.map(([wire]) => (typeof wire === 'string' ? Buffer.from(wire, 'latin1') : wire)))
const expected = WIRE.map(([, reply]) => reply)

function parseChunks(chunks: Buffer[]): Reply[] {
  const replies: Reply[] = []
  const parser = new ReplyParser((reply) => replies.push(reply))
  for (const chunk of chunks) parser.feed(chunk)
  return replies
}

describe('RESP reply parser', () => {
  it('parses a stream split at every byte boundary, and at every pair of boundaries', () => {
    expect(parseChunks([stream])).toEqual(expected)
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parseChunks([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected)
    }
    for (let first = 1; first < stream.length; first += 3) {
      for (let second = first; second <= stream.length; second++) {
        expect(parseChunks([stream.subarray(0, first), stream.subarray(first, second), stream.subarray(second)])).toEqual(expected)
      }
    }
  })

  it('parses a stream fed one byte at a time', () => {
    const bytes = Array.from(stream, (byte) => Buffer.from([byte]))
    expect(parseChunks(bytes)).toEqual(expected)
  })

  it('assembles a 4 MiB bulk string that arrives in 64 KiB reads, byte for byte', () => {
    const value = Buffer.alloc(4 * 1024 * 1024)
    for (let i = 0; i < value.length; i++) value[i] = (i * 31 + (i >> 13)) & 0xff
    const wire = Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from('\r\n:1\r\n')])
    const chunks: Buffer[] = []
    for (let at = 0; at < wire.length; at += 65_536) chunks.push(wire.subarray(at, at + 65_536))
    const replies = parseChunks(chunks)
    expect(replies).toHaveLength(2)
    expect((replies[0] as Buffer).equals(value)).toBe(true)
    expect(replies[1]).toBe(1)
  })

  it('refuses bytes that are not RESP2 instead of waiting for more', () => {
    expect(() => parseChunks([Buffer.from('HTTP/1.1 400 Bad Request\r\n')])).toThrow(ProtocolError)
    expect(() => parseChunks([Buffer.from(':12a\r\n')])).toThrow(ProtocolError)
    expect(() => parseChunks([Buffer.from('$3\r\nabcXY')])).toThrow(ProtocolError)
    expect(() => parseChunks([Buffer.alloc(70 * 1024, 0x2b)])).toThrow(/longer than/)
  })
})

describe('RESP command encoder', () => {
  it('writes GET, SET with and without PX, DEL and any command as RESP arrays of bulk strings, one after another', () => {
    const encoder = new RespEncoder()
    encoder.get('k:1')
    encoder.set('k:2', Buffer.from('v\r\n'), null)
    encoder.set('ключ', Buffer.from('xy'), 1500)
    encoder.del(Buffer.from([0x00, 0xff]))
    encoder.command(['SCAN', '0', 'MATCH', 'p*', 'COUNT', 1000])
    const expectedText = [
      '*2\r\n$3\r\nGET\r\n$3\r\nk:1\r\n',
      '*3\r\n$3\r\nSET\r\n$3\r\nk:2\r\n$3\r\nv\r\n\r\n',
      // "ключ" is 4 letters and 8 bytes of UTF-8.
      '*5\r\n$3\r\nSET\r\n$8\r\nключ\r\n$2\r\nxy\r\n$2\r\nPX\r\n$4\r\n1500\r\n',
    ].join('')
    const taken = encoder.take()
    const expectedBytes = Buffer.concat([
      Buffer.from(expectedText, 'utf8'),
      Buffer.from('*2\r\n$3\r\nDEL\r\n$2\r\n'),
      Buffer.from([0x00, 0xff]),
      Buffer.from('\r\n*6\r\n$4\r\nSCAN\r\n$1\r\n0\r\n$5\r\nMATCH\r\n$2\r\np*\r\n$5\r\nCOUNT\r\n$4\r\n1000\r\n'),
    ])
    expect(taken.equals(expectedBytes)).toBe(true)
    expect(encoder.size).toBe(0)
  })

  it('writes the length of every key and value size around the one- and two-digit boundaries in decimal', () => {
    const encoder = new RespEncoder()
    const sizes = [0, 1, 9, 10, 11, 42, 99, 100, 101, 999, 1000, 12_345]
    for (const size of sizes) encoder.set('k', Buffer.alloc(size, 0x7a), size === 0 ? null : size)
    const expectedText = sizes
      .map((size) => {
        const value = 'z'.repeat(size)
        const px = size === 0 ? '' : `$2\r\nPX\r\n$${String(size).length}\r\n${size}\r\n`
        return `*${size === 0 ? 3 : 5}\r\n$3\r\nSET\r\n$1\r\nk\r\n$${size}\r\n${value}\r\n${px}`
      })
      .join('')
    expect(encoder.take().toString('latin1')).toBe(expectedText)
  })

  it('grows for a value larger than its buffer and hands out a copy that later commands do not overwrite', () => {
    const encoder = new RespEncoder()
    const value = Buffer.alloc(3 * 1024 * 1024, 0x61)
    encoder.set('big', value, null)
    const first = encoder.take()
    const header = '*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$3145728\r\n'
    expect(first.length).toBe(header.length + value.length + 2)
    expect(first.subarray(0, header.length).toString()).toBe(header)
    encoder.get('zzzzzzzzzzzzzzzzzzzz')
    encoder.take()
    expect(first.subarray(0, header.length).toString()).toBe(header)
  })
})
