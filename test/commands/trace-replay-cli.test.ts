import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {traceDir, twitterLines, writeTrace, type Request} from '../trace/fixtures.js'

const dir = traceDir()
const requests: Request[] = Array.from({length: 200}, (_, index) => ({timeS: index, key: `k${index % 20}`, valueBytes: 64, command: index % 4 === 0 ? 'set' : 'get', ttl: 0}))

describe('run --trace', () => {
  it('replays a trace without a workload file', async () => {
    const good = writeTrace(dir, 'good.csv.gz', twitterLines(requests))
    const run = await cli(['run', '--trace', good, '--trace-format', 'twitter', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect([result.summary.reads, result.summary.writes]).toEqual([150, 50])
    expect(result.trace).toMatchObject({format: 'twitter', requests: 200, distinctKeys: 20, speed: 1, badRecords: 0})
  })

  const bad = writeTrace(dir, 'bad.csv', twitterLines(requests.slice(0, 10)) + '5,k1,2,oops,7,get,0\n' + twitterLines(requests.slice(10)))

  it('refuses a malformed record with exit 2, naming file:line', async () => {
    const refused = await cli(['run', '--trace', bad, '--trace-format', 'twitter'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain(`Error: ${bad}:11: malformed twitter record: expected whole byte counts for key and value size, got "2" and "oops".`)
  })

  it('tolerates and counts malformed records under --skip-bad-records', async () => {
    const tolerated = await cli(['run', '--trace', bad, '--trace-format', 'twitter', '--skip-bad-records', '1', '--json'])
    expect(tolerated.exitCode, tolerated.stderr).toBe(0)
    expect(JSON.parse(tolerated.stdout).trace).toMatchObject({requests: 200, badRecords: 1})
  })

  it('without a workload or a trace, says what to give and exits 2', async () => {
    const run = await cli(['run'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('Give a workload file (or bundled workload name), or a trace with --trace FILE --trace-format FORMAT.')
  })
})
