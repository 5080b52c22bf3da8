import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {cli} from '../helpers/cli.js'
import {traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

/** The trace's requests, counted up to `most` (a count that would never end stops there). */
function countRequests(file: string, format: string, most = 1_000_000): number {
  const requests = new TraceRequests({file, format, skipBadRecords: 0})
  let count = 0
  try {
    while (count < most && requests.next()) count++
  } finally {
    requests.close()
  }
  return count
}

describe('a request count past what a run may hold is a malformed record, not a replay that never ends', () => {
  it.each([
    ['meta-kv', 'key,op,size,op_count\nk1,GET,100,1000000000000000\nk2,SET,100,1\n'],
    ['csv', 'key,op,count\nk1,get,1000000000000000\n'],
  ])('%s: op_count 1e15 is refused by file:line', (format, text) => {
    const file = writeTrace(dir, `huge-count-${format}.csv`, text)
    expect(() => countRequests(file, format)).toThrow(
      `${file}:2: malformed ${format} record: expected a whole request count from 1 to 10,000,000,000, got "1000000000000000".`,
    )
  })

  it('counts up to the limit still repeat the request', () => {
    const file = writeTrace(dir, 'small-count.csv', 'key,op,size,op_count\nk1,GET,100,3\nk2,SET,100,1\n')
    expect(countRequests(file, 'meta-kv')).toBe(4)
  })

  it('a run cut short counts the repeats left in the trace without walking them one by one', async () => {
    // 10^10 repeats at about 5 ns each took most of a minute after the load, with Ctrl-C unheard.
    const file = writeTrace(dir, 'most-repeats.csv', 'op_time,key,op,size,op_count\n0,k1,GET,100,10000000000\n1,k2,SET,100,3\n')
    const run = await cli(['run', '--trace', file, '--trace-format', 'meta-kv', '--trace-speed', 'max', '--operations', '1000', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.summary.operations).toBe(1000)
    expect(result.trace).toMatchObject({requests: 10_000_000_003, distinctKeys: 2})
  }, 20_000)
})
