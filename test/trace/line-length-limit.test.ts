import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

function readAll(file: string, format: string): number {
  const requests = new TraceRequests({file, format, skipBadRecords: 1000})
  let count = 0
  try {
    while (count < 1000 && requests.next()) count++
  } finally {
    requests.close()
  }
  return count
}

describe('a line far longer than any trace record', () => {
  it('is refused by file:line once it runs past 16 MiB, whatever --skip-bad-records allows, instead of being buffered whole', () => {
    // 20 MiB of one letter after a good record: a few kilobytes once gzipped. Before the limit, the
    // line was buffered whole and skipped as one bad record (a 600 MB one took 2 GB, then exit 5).
    const file = writeTrace(dir, 'long-line.csv.gz', `0,key1,4,100,1,get,0\n${'a'.repeat(20 << 20)}\n1,key2,4,100,1,get,0\n`)
    expect(() => readAll(file, 'twitter')).toThrow(InputError)
    expect(() => readAll(file, 'twitter')).toThrow(
      `${file}:2: the line runs past 16 MiB without ending, far longer than a trace record: is this a trace of that format?`,
    )
  })

  it('up to the limit a long line is read as a (bad) record of its own, and the next record after it', () => {
    const file = writeTrace(dir, 'long-but-bounded.csv', `0,key1,4,100,1,get,0\n${'a'.repeat(10 << 20)}\n1,key2,4,100,1,get,0\n`)
    expect(readAll(file, 'twitter')).toBe(2)
  })
})
