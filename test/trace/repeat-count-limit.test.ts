import {describe, expect, it} from 'vitest'
import {TraceRequests} from '../../src/trace/trace-requests.js'
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
})
