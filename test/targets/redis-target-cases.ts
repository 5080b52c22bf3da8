import {Redis} from 'ioredis'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ExitCode} from '../../src/errors.js'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {cli} from '../helpers/cli.js'
import {builtinBaseline, fitsInMemory, PARITY_OPERATIONS, PRELOADED_READS, preloadWorkload, readsOfPreloaded, fitsInMemoryYaml} from '../helpers/target-parity.js'
import {testWorkload} from '../helpers/workload.js'
import {type RedisServer, type RedisServerOptions, startRedis} from '../servers/redis-servers.js'
import {waitFor} from '../helpers/wait-for.js'
import {onClient, type RedisClientName} from '../helpers/redis-clients.js'

const FITS_IN_MEMORY = fitsInMemory(21)

const WRITE_HEAVY = testWorkload({
  seed: 22,
  keyspace: {count: 500, distribution: 'uniform'},
  mix: {read: 0.5, write: 0.5, delete: 0},
  strategy: {name: 'lazy-loading', ttlMs: null},
  origin: {latency: {distribution: 'fixed', ms: 0}},
  load: {concurrency: 1, operations: 5000, warmup: {operations: 0}},
})

const YAML = fitsInMemoryYaml(21, 'redis-cli-test')

const dir = mkdtempSync(join(tmpdir(), 'cb-redis-test-'))
const workloadFile = join(dir, 'workload.yaml')
writeFileSync(workloadFile, YAML)
/**
 * Long enough to outlive the kill; the origin's 0.1 ms keeps a run without its cache from racing to
 * the end. The kill follows the sight of 200 keys (about 300 operations in) within a round trip of
 * the test's own connection, so 20,000 operations leave a wide margin; every operation after the
 * kill is a failed command that costs CPU time, so more would only slow the test.
 */
const longRunFile = join(dir, 'long-run.yaml')
writeFileSync(longRunFile, YAML.replace('origin: {latency: 0ms}', 'origin: {latency: 0.1ms}').replace(`concurrency: 1, operations: ${PARITY_OPERATIONS}`, 'concurrency: 4, operations: 20000'))

const counts = (result: Result) => ({hits: result.summary.hits, misses: result.summary.misses, staleReads: result.summary.staleReads})

async function keysUnder(server: RedisServer, prefix: string, db = 0): Promise<number> {
  // --scan walks the whole keyspace with SCAN, so it counts what is there, not what we think we wrote.
  const listed = await server.cli('-n', String(db), '--scan', '--pattern', `${prefix}*`)
  return listed === '' ? 0 : listed.split('\n').length
}

async function commandCalls(server: RedisServer, command: string): Promise<number> {
  const stats = await server.cli('INFO', 'commandstats')
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0)
}

/** Defines the target's tests for the given client paths (one test file per path, so they run side by side). */
export function defineTests(clients: readonly RedisClientName[], options: {withClientIndependentTests?: boolean} = {}): void {
  let builtin: Result

  beforeAll(async () => {
    builtin = await builtinBaseline(FITS_IN_MEMORY)
  })

  describe.each(clients)('redis target on the %s client', (client) => {
    describe('one server', () => {
      let server: RedisServer
      beforeAll(async () => {
        server = await startRedis()
      })
      afterAll(async () => {
        await server?.stop()
      })

      it('gives exactly the builtin target’s hits, misses and stale reads; deletes its keys; leaves a foreign key; flushes nothing', async () => {
        await server.cli('SET', 'foreign:key', 'not ours')
        const sizeBefore = Number(await server.cli('DBSIZE'))
        const prefix = 'cbtest:equal:'
        let keysDuringRun = -1
        const result = await runWorkload(FITS_IN_MEMORY, {
          target: onClient(server.url, client),
          targetOptions: {keyPrefix: prefix},
          afterLoad: async () => {
            keysDuringRun = await keysUnder(server, prefix)
          },
        })
        expect(result.summary.errors).toBe(0)
        expect(counts(result)).toEqual(counts(builtin))
        expect(result.target).toMatchObject({kind: 'redis', url: onClient(server.url, client), client, keyPrefix: prefix})
        // Every key the run created lives under the prefix: the server grew by exactly those.
        expect(keysDuringRun).toBeGreaterThan(100)
        expect(keysDuringRun).toBeLessThanOrEqual(2000)
        expect((result.target as {keysDeleted: number}).keysDeleted).toBe(keysDuringRun)
        expect(await keysUnder(server, prefix)).toBe(0)
        expect(Number(await server.cli('DBSIZE'))).toBe(sizeBefore)
        expect(await server.cli('GET', 'foreign:key')).toBe('not ours')
        expect(await commandCalls(server, 'flushall')).toBe(0)
        expect(await commandCalls(server, 'flushdb')).toBe(0)
      })

      it('a write-heavy lazy-loading run reads stale values on redis too, exactly as many as on the builtin target', async () => {
        const onBuiltin = await runWorkload(WRITE_HEAVY)
        const onRedis = await runWorkload(WRITE_HEAVY, {target: onClient(server.url, client)})
        expect(onRedis.summary.staleReads).toBeGreaterThan(0)
        expect(counts(onRedis)).toEqual(counts(onBuiltin))
      })

      it('--pipeline 16 and --connections 1 give the same counts at concurrency 1', async () => {
        // One operation in flight: each batch holds one command and the round-robin over
        // connections cannot reorder anything, so the sequence — and the counts — are fixed.
        // The default is 4 connections without pipelining (the first test above), so these two
        // settings are the ones not covered yet; with 4 connections, pipeline 16 is the first of them.
        for (const targetOptions of [{pipeline: 16}, {connections: 1}]) {
          const result = await runWorkload(FITS_IN_MEMORY, {target: onClient(server.url, client), targetOptions})
          expect(result.summary.errors).toBe(0)
          expect(counts(result)).toEqual(counts(builtin))
        }
      })

      it('pipelines at concurrency 32: every read of a preloaded key is a hit, every command answered', async () => {
        // With many operations in flight the order between them is not fixed, so lazy-loading
        // counts may differ run to run; reads of keys that all exist must hit whatever the order.
        const prefix = 'cbtest:preloaded:'
        const keys = 3000
        const preload = preloadWorkload(keys)
        await runWorkload(preload, {target: onClient(server.url, client), targetOptions: {keyPrefix: prefix, keepKeys: true, pipeline: 16}})
        expect(await keysUnder(server, prefix)).toBe(keys)
        const reads = readsOfPreloaded(keys)
        for (const targetOptions of [{pipeline: 16, connections: 4}, {pipeline: 4, connections: 1}, {pipeline: 1, connections: 8}]) {
          const result = await runWorkload(reads, {target: onClient(server.url, client), targetOptions: {...targetOptions, keyPrefix: prefix, keepKeys: true, ownKeyspace: true}})
          expect(result.summary.errors).toBe(0)
          expect(result.summary.reads).toBe(PRELOADED_READS)
          expect(result.summary.hits).toBe(PRELOADED_READS)
        }
        await server.cli('EVAL', "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end", '0', `${prefix}*`)
      })

      it('--keep-keys leaves the run’s keys in place', async () => {
        const prefix = 'cbtest:kept:'
        // The flags are the command's whatever the client: through it on the file of client-independent
        // tests, through the core on the other.
        let result: Result
        if (options.withClientIndependentTests) {
          const run = await cli(['run', workloadFile, '--target', onClient(server.url, client), '--key-prefix', prefix, '--keep-keys', '--json'])
          expect(run.exitCode).toBe(0)
          result = JSON.parse(run.stdout) as Result
        } else {
          result = await runWorkload(FITS_IN_MEMORY, {target: onClient(server.url, client), targetOptions: {keyPrefix: prefix, keepKeys: true}})
        }
        expect(counts(result)).toEqual(counts(builtin))
        // Keys written = distinct keys set; with no deletes in the mix all of them are still there.
        expect(await keysUnder(server, prefix)).toBeGreaterThan(100)
        expect((result.target as {keysDeleted: number}).keysDeleted).toBe(0)
        await server.cli('EVAL', "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end", '0', `${prefix}*`)
      })

      it('a database number in the URL selects that database', async () => {
        const prefix = 'cbtest:db3:'
        let inDb3 = -1
        let inDb0 = -1
        await runWorkload(WRITE_HEAVY, {
          target: onClient(`${server.url}/3`, client),
          targetOptions: {keyPrefix: prefix},
          afterLoad: async () => {
            inDb3 = await keysUnder(server, prefix, 3)
            inDb0 = await keysUnder(server, prefix, 0)
          },
        })
        expect(inDb3).toBeGreaterThan(100)
        expect(inDb0).toBe(0)
        expect(await keysUnder(server, prefix, 3)).toBe(0)
      })

      it('expirations come from the server’s expired_keys', async () => {
        const expiring = testWorkload({
          keyspace: {count: 200, distribution: 'uniform'},
          strategy: {name: 'lazy-loading', ttlMs: 5},
          origin: {latency: {distribution: 'fixed', ms: 0.2}},
          load: {concurrency: 4, operations: 6000, warmup: {operations: 0}},
        })
        const before = Number(/expired_keys:(\d+)/.exec(await server.cli('INFO', 'stats'))?.[1])
        const result = await runWorkload(expiring, {target: onClient(server.url, client)})
        const after = Number(/expired_keys:(\d+)/.exec(await server.cli('INFO', 'stats'))?.[1])
        expect(result.summary.cache.expirations).toBeGreaterThan(0)
        // Counted during the measured window, which ends before cleanup; the server's own counter covers at least that.
        expect(result.summary.cache.expirations).toBeLessThanOrEqual(after - before)
        expect(result.summary.misses).toBeGreaterThan(200)
      })
    })

    describe('server settings', () => {
      it('evictions come from the server’s evicted_keys when maxmemory is reached', async () => {
        const server = await startRedis({config: ['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']})
        try {
          const filling = testWorkload({
            keyspace: {count: 20_000, distribution: 'uniform'},
            values: {distribution: 'fixed', bytes: 1024},
            strategy: {name: 'lazy-loading', ttlMs: null},
            origin: {latency: {distribution: 'fixed', ms: 0}},
            load: {concurrency: 8, operations: 20_000, warmup: {operations: 0}},
          })
          const result = await runWorkload(filling, {target: onClient(server.url, client)})
          const evicted = Number(/evicted_keys:(\d+)/.exec(await server.cli('INFO', 'stats'))?.[1])
          expect(result.summary.errors).toBe(0)
          expect(result.summary.cache.evictions).toBeGreaterThan(1000)
          expect(result.summary.cache.evictions).toBeLessThanOrEqual(evicted)
          expect(result.summary.cache.items).toBeNull()
        } finally {
          await server.stop()
        }
      })

      it('authenticates as an ACL user from the URL and over TLS with --tls-ca', async () => {
        await withServers([{aclUser: 'app', password: 'pa55-word'}, {tls: true}], async ([acl, tls]) => {
          const viaAcl = await runWorkload(FITS_IN_MEMORY, {target: onClient(acl.url, client)})
          expect(viaAcl.summary.errors).toBe(0)
          expect(counts(viaAcl)).toEqual(counts(builtin))
          expect(viaAcl.target.url).toBe(onClient(`redis://app:***@127.0.0.1:${acl.port}`, client))
          expect(viaAcl.target.client).toBe(client)
          const viaTls = await cli(['run', workloadFile, '--target', onClient(tls.url, client), '--tls-ca', tls.caFile as string, '--json'])
          expect(viaTls.exitCode).toBe(0)
          expect(counts(JSON.parse(viaTls.stdout) as Result)).toEqual(counts(builtin))
          // Without the CA the self-signed chain is refused; insecure TLS accepts it. Straight from the
          // core: the command's --tls-* flags are proven by the run above.
          const few = {...FITS_IN_MEMORY, load: {...FITS_IN_MEMORY.load, operations: 100}}
          await expect(runWorkload(few, {target: onClient(tls.url, client)})).rejects.toMatchObject({
            exitCode: ExitCode.targetFailed,
            message: expect.stringContaining(`Cannot connect to ${tls.url}`),
          })
          const insecure = await runWorkload(few, {target: onClient(tls.url, client), targetOptions: {tls: {caFile: null, insecure: true}}})
          expect(insecure.summary.errors).toBe(0)
          expect(insecure.summary.operations).toBe(100)
        })
        // Two RSA keys from openssl and a command start-up: a minute on a loaded machine.
      }, 120_000)
    })

    describe('failures', () => {
      it('a server killed mid-run: the run ends by itself, counts connection errors, exits 4 (too many failed commands) and --out holds a complete result', async () => {
        const server = await startRedis()
        try {
          const out = join(dir, 'killed.json')
          const started = Date.now()
          const run = cli(['run', longRunFile, '--target', onClient(server.url, client), '--out', out])
          // Watched over a connection of the test's own: a redis-cli start-up per look would let the run get far ahead.
          const watcher = new Redis({host: '127.0.0.1', port: server.port, lazyConnect: true, maxRetriesPerRequest: 0})
          await watcher.connect()
          await waitFor(async () => (await watcher.dbsize()) >= 200, 'the server to hold 200 keys')
          await server.kill()
          watcher.disconnect()
          const finished = await run
          expect(Date.now() - started).toBeLessThan(60_000)
          expect(finished.exitCode).toBe(4)
          const result = JSON.parse(readFileSync(out, 'utf8')) as Result
          expect(result.complete).toBe(true)
          expect(result.errorLimit?.exceeded).toBe(true)
          expect(result.summary.operations).toBe(20_000)
          expect(result.summary.errors).toBeGreaterThan(0)
          expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
          expect(result.summary.errorsByKind.connection + result.summary.errorsByKind.timeout).toBe(result.summary.errors)
          // Reads before the kill were answered from the cache.
          expect(result.summary.hits).toBeGreaterThan(0)
          expect(result.warnings.some((warning) => warning.includes('Could not delete the keys'))).toBe(true)
        } finally {
          await server.stop()
        }
      })

      it('a server restarted mid-run is used again once it is back (pipelined)', async () => {
        const server = await startRedis()
        // Stopped once the restarted server holds the run's keys again, rather than after a fixed duration.
        const stop = new AbortController()
        try {
          const workload: Workload = testWorkload({
            keyspace: {count: 2000},
            mix: {read: 0.8, write: 0.2, delete: 0},
            origin: {latency: {distribution: 'fixed', ms: 0.2}},
            load: {concurrency: 4, operations: 1_000_000, durationMs: null, warmup: {operations: 0}},
          })
          const prefix = 'cbtest:restart:'
          const run = runWorkload({...workload, load: {...workload.load, operations: null, durationMs: 60_000}}, {
            target: onClient(server.url, client),
            targetOptions: {keyPrefix: prefix, keepKeys: true, pipeline: 8},
            signal: stop.signal,
          })
          await waitFor(async () => Number(await server.cli('DBSIZE')) >= 200, 'the server to hold 200 keys')
          await server.restart()
          await waitFor(async () => (await keysUnder(server, prefix)) > 100, 'the restarted server to hold 100 of the run’s keys')
          stop.abort()
          const result = await run
          expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
          // The restarted server started empty: keys on it now were written after the reconnect.
          expect(await keysUnder(server, prefix)).toBeGreaterThan(100)
        } finally {
          stop.abort()
          await server.stop()
        }
      })

      it('a wrong password exits 3 with one sentence that never shows the password', async () => {
        await withServers([{password: 'right-secret'}, {aclUser: 'app', password: 'right-secret'}], async ([server, acl]) => {
          const [defaultUser, aclUser] = [`redis://:wrong-secret@127.0.0.1:${server.port}`, `redis://app:wrong-secret@127.0.0.1:${acl.port}`].map((bare) => onClient(bare, client))
          const rejected = (url: string) => new RegExp(`^${escape(url.replace('wrong-secret', '***'))} rejected the credentials \\(WRONGPASS [^\\n]*\\)\\.$`)
          // One through the command: exit 3 and the core's sentence as the only line on stderr ...
          const run = await cli(['run', workloadFile, '--target', defaultUser])
          expect(run.exitCode).toBe(3)
          expect(run.stderr.trim().replace(/^Error: /, '')).toMatch(rejected(defaultUser))
          expect(run.stderr.trim()).toMatch(/^Error: /)
          expect(run.stdout + run.stderr).not.toContain('wrong-secret')
          // ... the ACL user and the missing password straight from the core, which carries the exit code and the sentence.
          const viaAcl = await runWorkload(FITS_IN_MEMORY, {target: aclUser}).catch((error: unknown) => error as {exitCode: number; message: string})
          expect(viaAcl).toMatchObject({exitCode: ExitCode.targetFailed, message: expect.stringMatching(rejected(aclUser))})
          expect(JSON.stringify(viaAcl) + (viaAcl as {message: string}).message).not.toContain('wrong-secret')
          // A password of one letter hides itself, not every "s" of the server's own words.
          const oneLetter = onClient(`redis://:s@127.0.0.1:${server.port}`, client)
          await expect(runWorkload(FITS_IN_MEMORY, {target: oneLetter})).rejects.toMatchObject({
            exitCode: ExitCode.targetFailed,
            message: expect.stringContaining('(WRONGPASS invalid username-password pair'),
          })
          const noPassword = onClient(`redis://127.0.0.1:${server.port}`, client)
          await expect(runWorkload(FITS_IN_MEMORY, {target: noPassword})).rejects.toMatchObject({
            exitCode: ExitCode.targetFailed,
            message: expect.stringContaining(`${noPassword} requires a password (NOAUTH`),
          })
        })
      })
    })
  })


  if (!options.withClientIndependentTests) return
  describe('redis target URLs', () => {
    it('bad URLs are input errors (exit 2)', async () => {
      const cases: Array<[string, RegExp]> = [
        ['redis://127.0.0.1:6379/x', /has "\/x" where a database number belongs/],
        ['redis://h1:1,h2:2', /names 2 hosts; redis:\/\/ takes one/],
        ['redis://127.0.0.1:6379?pool=3', /has a query parameter "pool"/],
        ['redis://127.0.0.1:6379?client=memjs', /has client=memjs; write client=lean or client=ioredis\.$/m],
        ['redis-cluster://127.0.0.1:6379?client=lean', /asks for client=lean, but the lean path serves one server and redis-cluster:\/\/ runs on ioredis/],
      ]
      // One through the command, which turns the core's input error into exit 2 and one line on stderr ...
      const [[firstUrl, firstMessage], ...others] = cases
      const run = await cli(['run', workloadFile, '--target', firstUrl])
      expect(run.exitCode).toBe(2)
      expect(run.stderr.trim()).toMatch(new RegExp(`^Error: .*${firstMessage.source}`))
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      // ... the others straight from the core: the same error class, the exit code it carries, its sentence.
      for (const [url, message] of others) {
        await expect(runWorkload(FITS_IN_MEMORY, {target: url})).rejects.toMatchObject({exitCode: ExitCode.badInput, message: expect.stringMatching(message)})
      }
      // The bundled leaderboard workload sends sorted-set commands, which only the ioredis path speaks.
      const structures = await cli(['run', 'leaderboard', '--target', 'redis://127.0.0.1:6379?client=lean'])
      expect(structures.exitCode).toBe(2)
      expect(structures.stderr.trim()).toMatch(/^Error: Target redis:\/\/127\.0\.0\.1:6379\?client=lean asks for client=lean, but the workload sends data-structure commands .*write client=ioredis\.$/)
      const tlsOnPlain = await cli(['run', workloadFile, '--target', 'redis://127.0.0.1:6379', '--tls-insecure'])
      expect(tlsOnPlain.exitCode).toBe(2)
      expect(tlsOnPlain.stderr).toContain('need a rediss:// target')
    })
  })
}

/** Starts the servers one by one and stops every one that started, whatever happens. */
async function withServers(options: RedisServerOptions[], use: (servers: RedisServer[]) => Promise<void>): Promise<void> {
  const servers: RedisServer[] = []
  try {
    for (const option of options) servers.push(await startRedis(option))
    await use(servers)
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
