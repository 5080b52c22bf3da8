import {truncateSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import {redisForFile} from '../servers/redis-and-memcached.js'
import {oracleGeneralBytes, traceDir, writeTrace} from '../trace/fixtures.js'

const RECORD_BYTES = 24
/** More than the trace reader's 1 MiB read, so the replay meets the cut after its load has begun. */
const REQUESTS = 200_000
const KEYS = 5_000

describe('a run that stops on an error mid-load still deletes the keys it wrote', () => {
  const dir = traceDir()
  const servers = redisForFile()

  it('a trace cut inside a record, met during the replay: bad input naming the byte, and no key of the run is left on the server', async () => {
    const records = Array.from({length: REQUESTS}, (_, index) => ({timeS: 0, id: BigInt((index * 7919) % KEYS), size: 100}))
    const file = writeTrace(dir, 'cut.oracleGeneral.bin', oracleGeneralBytes(records))
    const workload = parseWorkload('version: 1\nstrategy: {name: lazy-loading}\norigin: {latency: 0ms}\nload: {concurrency: 8}\n', 'cut.yaml', {
      trace: file,
      traceFormat: 'oracle-general',
    })
    const keyPrefix = 'cb:c1ea0001:'
    // The replay reads the trace once, as the load goes: the file loses its second half (and is cut
    // 10 bytes into a record) before the load starts, which the replay meets half-way through.
    const cutAt = (REQUESTS / 2) * RECORD_BYTES
    const beforeLoad = async () => truncateSync(file, cutAt + 10)
    const failure = await runWorkload({...workload, trace: {...workload.trace!, speed: 'max'}}, {target: servers.redis.url, targetOptions: {keyPrefix}, beforeLoad}).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(InputError)
    expect((failure as Error).message).toContain(`${file}, byte ${cutAt}: malformed oracle-general record: expected a 24-byte record, the file ends 10 bytes into one.`)
    // The load got far enough to write keys (every one of the first half's 5,000 keys missed once and was set).
    expect((await servers.redis.cli('INFO', 'stats')).match(/keyspace_misses:(\d+)/)?.[1]).toBe(String(KEYS))
    expect(Number(await servers.redis.cli('DBSIZE'))).toBe(0)
    expect(await servers.redis.cli('--scan', '--pattern', `${keyPrefix}*`)).toBe('')
  })
})
