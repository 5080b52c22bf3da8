import {describe, expect, it} from 'vitest'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {cli} from '../helpers/cli.js'
import {traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

function readAll(file: string, format: string, skipBadRecords = 0): {requests: number; bad: number} {
  const requests = new TraceRequests({file, format, skipBadRecords})
  let count = 0
  try {
    while (count < 1000 && requests.next()) count++
  } finally {
    requests.close()
  }
  return {requests: count, bad: requests.losses.badRecords}
}

const watch = (size: string) =>
  ['ts=1.000000 gid=1 type=item_get key=a status=found clsid=1 cfd=26 size=10', `ts=1.100000 gid=2 type=item_get key=b status=found clsid=1 cfd=26 size=${size}`, ''].join('\n')

describe('a trace record whose value size no value can have is malformed, whatever its format', () => {
  it.each(['-5000', '1e300', 'Infinity', '1.5', String(512 * 1024 * 1024 + 1)])('memcached-watch size=%s is refused by file:line', (size) => {
    const file = writeTrace(dir, `size-${size}.watch`, watch(size))
    expect(() => readAll(file, 'memcached-watch')).toThrow(
      `${file}:2: malformed memcached-watch record: expected a value size from 0 to 536,870,912 bytes, got ${Number(size)}.`,
    )
  })

  it('csv too, and --skip-bad-records skips it like any other bad record', () => {
    const file = writeTrace(dir, 'size-huge.csv', 'key,op,size\nk1,get,100\nk2,get,1e300\nk3,get,536870912\n')
    expect(() => readAll(file, 'csv')).toThrow(`${file}:3: malformed csv record: expected a value size from 0 to 536,870,912 bytes, got 1e+300.`)
    expect(readAll(file, 'csv', 1)).toEqual({requests: 2, bad: 1})
  })

  it('trace stats says so in one sentence, exit 2, where it printed "InfinityGiB"', async () => {
    const file = writeTrace(dir, 'size-inf.watch', watch('Infinity'))
    const run = await cli(['trace', 'stats', file, '--format', 'memcached-watch'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe(`Error: ${file}:2: malformed memcached-watch record: expected a value size from 0 to 536,870,912 bytes, got Infinity.`)
  })
})
