import {describe, expect, it} from 'vitest'
import {KeyIds} from '../../src/trace/key-ids.js'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {seeded, traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

/** Ids in order of first appearance, by a Map: what every interning path must agree with. */
function firstAppearanceIds<K>(keys: readonly K[]): number[] {
  const ids = new Map<K, number>()
  return keys.map((key) => {
    if (!ids.has(key)) ids.set(key, ids.size)
    return ids.get(key) as number
  })
}

describe('key ids', () => {
  const random = seeded(21)
  // 60k draws over 40k keys: the tables grow many times, and most keys come back.
  const draws = Array.from({length: 60_000}, () => Math.floor(40_000 * random() ** 2))

  it('64-bit word keys get dense ids in order of first appearance, all 64 bits told apart', () => {
    const keys = new KeyIds()
    // Ids differing only above bit 53 (beyond a double's precision) stay distinct.
    const words = draws.map((draw) => [draw % 7 === 0 ? 0x80000000 + (draw & 3) : draw >>> 16, (draw * 2654435761) >>> 0] as const)
    const got = words.map(([high, low]) => keys.idOfWords(high, low))
    expect(got).toEqual(firstAppearanceIds(words.map(([high, low]) => `${high}:${low}`)))
    expect(keys.size).toBe(new Set(words.map(([high, low]) => `${high}:${low}`)).size)
  })

  it('byte keys get dense ids in order of first appearance, wherever the bytes sit', () => {
    const keys = new KeyIds()
    const names = draws.map((draw) => `user:${draw}:${'x'.repeat(draw % 5)}`)
    const got = names.map((name, index) => {
      // Each key at a different offset inside a larger buffer, as in a chunk of trace text.
      const buffer = Buffer.from(`${'#'.repeat(index % 13)}${name},rest`)
      const start = index % 13
      return keys.idOfBytes(buffer, start, start + Buffer.byteLength(name))
    })
    expect(got).toEqual(firstAppearanceIds(names))
  })

  it('a Twitter line parsed as bytes and one parsed as text give the same key the same id', () => {
    // Line 2's decimal timestamp and line 3's skipped command take the text parser; lines 1 and 4 the byte one.
    const text = '1,alpha,5,10,1,get,0\n2.5,beta,4,10,1,get,0\n3,alpha,5,10,1,touch,0\n4,beta,4,10,1,GET,0\n5,a,b,5,10,1,set,60\n'
    const requests = new TraceRequests({file: writeTrace(dir, 'mixed-paths.csv', text), format: 'twitter', skipBadRecords: 0})
    const seen: [number, string, number][] = []
    while (requests.next()) seen.push([requests.keyId, requests.operation, requests.timeMs])
    requests.close()
    expect(seen).toEqual([
      [0, 'read', 1000],
      [1, 'read', 2500],
      [1, 'read', 4000],
      [2, 'write', 5000],
    ])
    expect(requests.losses.skippedByCommand).toEqual({touch: 1})
  })
})
