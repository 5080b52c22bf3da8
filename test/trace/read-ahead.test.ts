import {join} from 'node:path'
import {writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {ReadAheadRequests} from '../../src/trace/read-ahead/read-ahead-requests.js'
import {BATCH, CAPACITY} from '../../src/trace/read-ahead/request-ring.js'
import {openRequestStream, READ_AHEAD_MIN_BYTES} from '../../src/trace/request-stream.js'
import {TraceRequests, type RequestStream, type TraceInput} from '../../src/trace/trace-requests.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {lruHits, oracleGeneralBytes, seeded, traceDir, twitterLines, writeTrace, type Request} from './fixtures.js'

const dir = traceDir()

/** Every field of every request and the keys met by then, and what the stream says once drained; or what it handed out before it threw. */
function drain(requests: RequestStream): {seen: number[][]; keys: number; losses: unknown; error?: unknown} {
  const seen: number[][] = []
  try {
    while (requests.next()) {
      seen.push([requests.keyId, ['read', 'write', 'delete'].indexOf(requests.operation), requests.valueBytes, requests.keyBytes, requests.timeMs, requests.ttlSeconds, requests.keyCount()])
    }
    return {seen, keys: requests.keyCount(), losses: structuredClone(requests.losses)}
  } catch (error) {
    return {seen, keys: -1, losses: null, error}
  } finally {
    requests.close()
  }
}

/** A mixed twitter trace: skewed keys, reads, writes with TTLs, deletes, and commands a replay skips. */
function mixedRequests(count: number, seed: number): Request[] {
  const random = seeded(seed)
  const commands = ['get', 'get', 'get', 'gets', 'set', 'add', 'delete', 'incr', 'touch']
  return Array.from({length: count}, (_, index) => {
    const command = commands[Math.floor(random() * commands.length)]
    return {timeS: index >>> 10, key: `ns:k${Math.floor(20_000 * random() ** 3)}`, valueBytes: command === 'delete' ? 0 : 1 + Math.floor(random() * 4000), command, ttl: command === 'set' ? 60 : 0}
  })
}

const KEY_PADDING = 'tenant-0042:profile:avatar-thumbnail:size-large:region-eu-west:'.repeat(3)

describe('reading a trace on a thread of its own', () => {
  // More requests than the ring holds twice over, so it wraps and every batch is handed back.
  const count = 2 * CAPACITY + BATCH + 123

  it('hands out the same requests, key ids and losses as the reader on the caller thread', () => {
    const input: TraceInput = {file: writeTrace(dir, 'mixed.csv', twitterLines(mixedRequests(count, 5))), format: 'twitter', skipBadRecords: 0}
    const there = drain(new ReadAheadRequests(input))
    const here = drain(new TraceRequests(input))
    expect(here.seen.length).toBeGreaterThan(0.8 * count)
    expect(there).toEqual(here)
    expect((here.losses as {skippedByCommand: Record<string, number>}).skippedByCommand.touch).toBeGreaterThan(0)
  })

  it('hands out the same requests of a binary oracleGeneral trace', () => {
    const random = seeded(3)
    const records = Array.from({length: count}, (_, index) => ({timeS: index >>> 8, id: BigInt(Math.floor(9_000 * random() ** 2)) << 33n, size: 1 + (index % 500)}))
    const input: TraceInput = {file: writeTrace(dir, 'reads.bin', oracleGeneralBytes(records)), format: 'oracle-general', skipBadRecords: 0}
    const there = drain(new ReadAheadRequests(input))
    expect(there.seen.length).toBe(count)
    expect(there).toEqual(drain(new TraceRequests(input)))
  })

  it('a malformed record fails the stream after every request before it, with the same sentence and exit code', () => {
    // Past the first batches, so the reader has handed out some and holds more when it fails.
    const lines = twitterLines(mixedRequests(30_000, 9)).split('\n')
    lines[20_000] = '123,only-three,fields'
    const file = writeTrace(dir, 'bad.csv', lines.join('\n'))
    const input: TraceInput = {file, format: 'twitter', skipBadRecords: 0}
    const there = drain(new ReadAheadRequests(input))
    const here = drain(new TraceRequests(input))
    expect(here.error).toBeInstanceOf(Error)
    expect((there.error as Error).message).toBe((here.error as Error).message)
    expect((there.error as Error).message).toContain(`${file}:20001: malformed twitter record`)
    expect((there.error as {exitCode: number}).exitCode).toBe(2)
    expect(there.error).toBeInstanceOf(InputError)
    expect(there.seen).toEqual(here.seen)
    // Tolerated, it is counted as the reader on the caller's thread counts it.
    const tolerant = drain(new ReadAheadRequests({...input, skipBadRecords: 1}))
    expect(tolerant).toEqual(drain(new TraceRequests({...input, skipBadRecords: 1})))
    expect(tolerant.losses).toMatchObject({badRecords: 1})
  })

  it('a missing file fails with the sentence the caller-thread reader gives', () => {
    const file = join(dir, 'absent.csv')
    const there = drain(new ReadAheadRequests({file, format: 'twitter', skipBadRecords: 0}))
    expect((there.error as Error).message).toBe(`trace file "${file}" does not exist.`)
    expect((there.error as {exitCode: number}).exitCode).toBe(2)
  })

  it('stops reading when closed early', () => {
    const input: TraceInput = {file: writeTrace(dir, 'early.csv', twitterLines(mixedRequests(count, 13))), format: 'twitter', skipBadRecords: 0}
    const requests = new ReadAheadRequests(input)
    for (let index = 0; index < 10; index++) expect(requests.next()).toBe(true)
    expect(requests.fractionRead()).toBeGreaterThan(0)
    requests.close()
  })

  it('a run over a trace above the size threshold replays it from the thread and hits exactly as an exact LRU', async () => {
    const random = seeded(21)
    const keys: string[] = []
    let text = ''
    // Long keys make a file past the threshold from fewer requests (about 140,000).
    while (text.length <= READ_AHEAD_MIN_BYTES) {
      const chunk: Request[] = Array.from({length: 20_000}, (_, index) => {
        const key = `${KEY_PADDING}:${Math.floor(6_000 * random() ** 3)}`
        keys.push(key)
        return {timeS: (keys.length + index) >>> 9, key, valueBytes: 300, command: 'get', ttl: 0}
      })
      text += twitterLines(chunk)
    }
    writeTrace(dir, 'large.csv', text)
    const stream = openRequestStream({file: join(dir, 'large.csv'), format: 'twitter', skipBadRecords: 0})
    expect(stream).toBeInstanceOf(ReadAheadRequests)
    stream.close()
    const workload = join(dir, 'large.yaml')
    writeFileSync(workload, 'version: 1\ntrace: {file: large.csv, format: twitter, speed: max}\nstrategy: {name: lazy-loading}\ncache: {maxItems: 500, eviction: lru}\nload: {concurrency: 1}\n')
    const result = await runWorkload(loadWorkload(workload))
    const hits = lruHits(keys, 500)
    expect(result.summary.operations).toBe(keys.length)
    expect(result.summary.hits).toBe(hits)
    expect(result.trace).toMatchObject({requests: keys.length, distinctKeys: new Set(keys).size, skippedByCommand: {}, badRecords: 0})
  })
})
