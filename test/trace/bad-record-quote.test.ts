import {describe, expect, it} from 'vitest'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

function readError(file: string, format: string): string {
  const requests = new TraceRequests({file, format, skipBadRecords: 0})
  try {
    while (requests.next());
  } catch (error) {
    return (error as Error).message
  } finally {
    requests.close()
  }
  throw new Error('the trace was read without an error')
}

describe('a malformed record is quoted in a short sentence, not copied whole into the message', () => {
  it('a CSV whose lines end in CR alone (one line of 1 MB) is named with its first characters, the CRs shown', () => {
    const text = 'op,key\r' + Array.from({length: 50_000}, (_, i) => `get,k${i}\r`).join('')
    const file = writeTrace(dir, 'cr-only.csv', text)
    const message = readError(file, 'csv')
    expect(message).toBe(`${file}:1: malformed csv record: expected a header line naming a key column (key or obj_id or object_id), got "op,key\\rget,k0\\rget,k1\\rget,k2\\rget,k3\\rget,k4\\rget,k5\\rget,k6\\rg...".`)
    expect(message).not.toContain('\r')
  })

  it('a twitter record whose timestamp field is 5 MB long is quoted in at most 60 characters', () => {
    const file = writeTrace(dir, 'long-field.csv', `${'x'.repeat(5_000_000)},k,1,1,1,get,0\n`)
    const message = readError(file, 'twitter')
    expect(message).toBe(`${file}:1: malformed twitter record: expected a timestamp in seconds, got "${'x'.repeat(57)}...".`)
  })
})
