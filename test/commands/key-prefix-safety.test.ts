import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {cli, type CliRun} from '../helpers/cli.js'
import {inProcess} from '../helpers/in-process.js'
import {MEMCACHED_CLIENTS, withClient} from '../helpers/memcached-clients.js'
import {type MemcachedServer, startMemcached} from '../servers/memcached-servers.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'
import {onClient, REDIS_CLIENTS, type RedisClientName} from '../helpers/redis-clients.js'

// A small run that writes every one of its 50 keys (write-through), so a touched key would show.
const WORKLOAD = 'version: 1\nkeyspace: {count: 50, distribution: uniform}\nmix: {read: 50, write: 50}\nstrategy: {name: write-through}\nload: {operations: 2000, concurrency: 4}\n'

let file: string
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-prefix-'))
  file = join(dir, 'small.yaml')
  writeFileSync(file, WORKLOAD)
})

/**
 * `run file --target URL --key-prefix PREFIX [--own-keyspace] --json` on the first client through
 * the command, on the others through runWorkload in this process (the guard is the run's, not
 * the command's): the outcome as the command reports it, exit 2 for an InputError.
 */
async function runPrefixed(client: RedisClientName, url: string, prefix: string, ownKeyspace = false): Promise<CliRun> {
  if (client === REDIS_CLIENTS[0]) return cli(['run', file, '--target', url, '--key-prefix', prefix, ...(ownKeyspace ? ['--own-keyspace'] : []), '--json'])
  return inProcess(async () => ({stdout: JSON.stringify(await runWorkload(loadWorkload(file), {target: url, targetOptions: {keyPrefix: prefix, ownKeyspace}}))}))
}

// One server for both clients: the tests of a file run one after another, and each leaves the
// server's own keys as they were.
let server: RedisServer
beforeAll(async () => {
  server = await startRedis()
  // The server's own data: what the run's keys would be called without a prefix, and under "app:".
  for (const key of ['k:0', 'k:1', 'k:2', 'app:k:7']) await server.cli('SET', key, `owner-${key}`)
})
afterAll(async () => {
  await server?.stop()
})

describe.each(REDIS_CLIENTS)('--key-prefix on redis, %s client', (client) => {

  const untouched = async (): Promise<void> => {
    for (const key of ['k:0', 'k:1', 'k:2', 'app:k:7']) expect(await server.cli('GET', key)).toBe(`owner-${key}`)
    expect(Number(await server.cli('DBSIZE'))).toBe(4)
  }

  it('refuses an empty prefix before the first write (exit 2) and leaves every key alone', async () => {
    const run = await runPrefixed(client, onClient(server.url, client), '')
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/empty --key-prefix.*at least 3 characters.*--own-keyspace/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    await untouched()
  })

  it('refuses a prefix shorter than 3 characters', async () => {
    const run = await runPrefixed(client, onClient(server.url, client), 'k')
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/--key-prefix "k".*at least 3 characters/)
    await untouched()
  })

  it('refuses a prefix under which the server already holds keys, naming one of them', async () => {
    const run = await cli(['run', file, '--target', onClient(server.url, client), '--key-prefix', 'app:', '--workers', '2'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/already holds keys under the prefix "app:" \(for example "app:k:7"\)/)
    await untouched()
  })

  it('a prefix whose glob characters match other keys is taken literally', async () => {
    const run = await runPrefixed(client, onClient(server.url, client), 'ap*:')
    expect(run.exitCode).toBe(0)
    await untouched()
  })

  it('--own-keyspace lets the user run under an occupied prefix', async () => {
    const run = await runPrefixed(client, onClient(server.url, client), 'app:', true)
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    // Every one of the 50 keys was written and then deleted — app:k:7 among them, as the user allowed.
    expect(result.target.keysDeleted).toBe(50)
    expect(await server.cli('EXISTS', 'app:k:7')).toBe('0')
    await server.cli('SET', 'app:k:7', 'owner-app:k:7')
  })
})

describe('--key-prefix on memcached', () => {
  let server: MemcachedServer
  beforeAll(async () => {
    server = await startMemcached()
    await server.set('mine:k:3', 'owner')
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.each(MEMCACHED_CLIENTS)('refuses a prefix whose keys the server already holds (%s client)', async (client) => {
    const run = await cli(['run', file, '--target', withClient(server.url, client), '--key-prefix', 'mine:'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/already holds keys under the prefix "mine:" \(for example "mine:k:3"\)/)
    expect(await server.get('mine:k:3')).toBe('owner')
    expect((await server.stats()).curr_items).toBe('1')
  })
})
