import {describe, expect, it} from 'vitest'
import {type Decode, EXPECT, PendingReplies} from '../../../src/targets/memcached/lean/pending-replies.js'
import {decodeValue, decodeValueInPlace, encodeValue} from '../../../src/targets/value-codec.js'

describe('a memcached value handed over where it lies in the read buffer', () => {
  it('each decoder reads the same value: in place, through a view, or as the bytes themselves', () => {
    const value = encodeValue({version: 3, committedAt: 99.25, size: 64})
    // The value at offset 5 of a larger read, as the parser hands it over.
    const read = Buffer.concat([Buffer.from('VA 64'), value, Buffer.from('\r\nEN\r\n')])
    const pending = new PendingReplies()
    const got: unknown[] = []
    const fail = (error: Error): void => void got.push(error)
    const viewDecode: Decode = (data) => decodeValue(data)
    for (const decode of [decodeValueInPlace as Decode, viewDecode, null]) pending.push(EXPECT.value, Number.POSITIVE_INFINITY, 1000, ((v: unknown) => got.push(v)) as never, fail, decode)
    for (let i = 0; i < 3; i++) pending.decodeOldest(read, 5, value.length)
    expect(got).toEqual([{version: 3, committedAt: 99.25, size: 64}, {version: 3, committedAt: 99.25, size: 64}, value])
  })
})
