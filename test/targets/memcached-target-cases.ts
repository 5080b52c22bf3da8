import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {cli} from '../helpers/cli.js'
import {builtinBaseline, fitsInMemory, fitsInMemoryYaml} from '../helpers/target-parity.js'
import {testWorkload} from '../helpers/workload.js'
import {type MemcachedPool, type MemcachedServer, startMemcached, startMemcachedPool} from '../servers/memcached-servers.js'
import {waitFor} from '../helpers/wait-for.js'
import {withClient} from '../helpers/memcached-clients.js'
import type {MemcachedClientName} from '../../src/targets/memcached/memcached-clients.js'

const FITS_IN_MEMORY = fitsInMemory(11)

const FITS_IN_MEMORY_YAML = fitsInMemoryYaml(11, 'fits-in-memory')

const itemsOn = async (server: MemcachedServer): Promise<number> => Number((await server.stats()).curr_items)

/** Defines the target's tests for the given client paths (one test file per path, so they run side by side). */
/** Servers the tests of the calling describe block start for themselves, each stopped after its test. */
function serversPerTest(): {start: typeof startMemcached; stopAfter(stop: () => Promise<void>): void} {
  const stops: Array<() => Promise<void>> = []
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()))
  })
  return {
    start: async (options) => {
      const server = await startMemcached(options)
      stops.push(() => server.stop())
      return server
    },
    stopAfter: (stop) => stops.push(stop),
  }
}

export function defineTests(clients: readonly MemcachedClientName[], options: {withClientIndependentTests?: boolean} = {}): void {
  let builtin: Result

  beforeAll(async () => {
    builtin = await builtinBaseline(FITS_IN_MEMORY)
  })

  describe.each(clients)('through the %s client', (client) => {
    describe('memcached target, one server', () => {
      let server: MemcachedServer
      beforeAll(async () => {
        server = await startMemcached()
      })
      afterAll(async () => {
        await server?.stop()
      })

      it('gives exactly the builtin target’s hits, misses and stale reads, deletes its keys, leaves a foreign key, flushes nothing', async () => {
        await server.set('foreign:key', 'not ours')
        const itemsBefore = await itemsOn(server)
        const result = await runWorkload(FITS_IN_MEMORY, {target: withClient(server.url, client)})
        const s = result.summary
        expect(s.errors).toBe(0)
        expect([s.hits, s.misses, s.staleReads, s.cache.sets]).toEqual([
          builtin.summary.hits,
          builtin.summary.misses,
          builtin.summary.staleReads,
          builtin.summary.cache.sets,
        ])
        expect(result.clock).toBe('real')
        // No evictions or expiries: everything fits and nothing has a TTL.
        expect([s.cache.evictions, s.cache.expirations]).toEqual([0, 0])
        // Every distinct key the run set was still cached at the end (as in the builtin engine), and all were deleted.
        expect(result.target).toMatchObject({kind: 'memcached', url: withClient(server.url, client), client, keysDeleted: builtin.summary.cache.items})
        // The run's items, not the server's: the foreign key is not counted.
        expect(itemsBefore).toBeGreaterThan(0)
        expect(s.cache.items).toBe(builtin.summary.cache.items)
        expect(await itemsOn(server)).toBe(itemsBefore)
        expect(await server.get('foreign:key')).toBe('not ours')
        expect((await server.stats()).cmd_flush).toBe('0')
      })

      it('keeping keys leaves them under the reported prefix; the CLI deletes them otherwise (through the command on the lean client)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cb-memcached-'))
        const file = join(dir, 'fits.yaml')
        writeFileSync(file, FITS_IN_MEMORY_YAML)
        const before = await itemsOn(server)

        // The command's flags are the same whatever the client: the file that covers client-independent
        // behaviour runs both through the command; the other client keeps its keys through the core,
        // and its deleting them is the first test above.
        let result: Result
        if (options.withClientIndependentTests) {
          const cleaned = await cli(['run', file, '--target', withClient(server.url, client), '--json'])
          expect(cleaned.exitCode).toBe(0)
          expect(JSON.parse(cleaned.stdout).summary.hits).toBe(builtin.summary.hits)
          expect(await itemsOn(server)).toBe(before)

          const kept = await cli(['run', file, '--target', withClient(server.url, client), '--keep-keys', '--key-prefix', 'cbtest:kept:', '--json'])
          expect(kept.exitCode).toBe(0)
          result = JSON.parse(kept.stdout) as Result
        } else {
          result = await runWorkload(FITS_IN_MEMORY, {target: withClient(server.url, client), targetOptions: {keepKeys: true, keyPrefix: 'cbtest:kept:'}})
          expect(result.summary.hits).toBe(builtin.summary.hits)
        }
        expect(result.target).toMatchObject({keyPrefix: 'cbtest:kept:', keysDeleted: 0})
        expect((await itemsOn(server)) - before).toBe(builtin.summary.cache.items)
        const value = await server.get('cbtest:kept:k:0')
        expect(value?.startsWith('cbv1')).toBe(true)
        expect((await server.stats()).cmd_flush).toBe('0')
      })
    })

    describe('memcached target, a two-node pool', () => {
      let pool: MemcachedPool
      beforeAll(async () => {
        pool = await startMemcachedPool(2)
      })
      afterAll(async () => {
        await pool?.stop()
      })

      it('gives the builtin target’s counts and spreads the keys over both nodes, each key on one node', async () => {
        const prefix = 'cbtest:pool:'
        const result = await runWorkload(FITS_IN_MEMORY, {target: withClient(pool.url, client), targetOptions: {keepKeys: true, keyPrefix: prefix}})
        const s = result.summary
        expect(s.errors).toBe(0)
        expect([s.hits, s.misses, s.staleReads]).toEqual([builtin.summary.hits, builtin.summary.misses, builtin.summary.staleReads])
        const perNode = await Promise.all(pool.servers.map(itemsOn))
        expect(perNode[0] + perNode[1]).toBe(builtin.summary.cache.items)
        // Consistent hashing splits 2 nodes unevenly, but nowhere near all-or-nothing.
        for (const items of perNode) expect(items).toBeGreaterThan((builtin.summary.cache.items ?? 0) * 0.25)
        expect(s.cache.items).toBe(builtin.summary.cache.items)
        for (let id = 0; id < 20; id++) {
          const holders = await Promise.all(pool.servers.map((server) => server.get(`${prefix}k:${id}`)))
          expect(holders.filter((value) => value !== null).length).toBeLessThanOrEqual(1)
        }
      })
    })

    describe('memcached target failures', () => {
      const servers = serversPerTest()

      it('a server killed mid-run: the run ends by itself with connection errors, exit 4 (too many failed commands) and a complete --out file', async () => {
        const server = await servers.start()
        const dir = mkdtempSync(join(tmpdir(), 'cb-memcached-kill-'))
        const out = join(dir, 'result.json')
        // Counted, not timed: a 4 s run on a busy machine could be nearly over when the kill came,
        // leaving fewer than 1% of its commands failed. The origin answers in 50 us, so the
        // operations after the kill fail quickly and the run ends by itself within seconds.
        const workload = join(dir, 'killed.yaml')
        writeFileSync(workload, 'version: 1\nname: killed\nkeyspace: {count: 10000, distribution: zipfian}\nmix: {read: 95, write: 5}\nstrategy: {name: lazy-loading}\norigin: {latency: 0.05ms}\nload: {operations: 60000, concurrency: 8, warmup: 0}\n')
        const running = cli(['run', workload, '--target', withClient(server.url, client), '--out', out, '--json'])
        // Killed once it has answered reads from cache: the run is under way, whatever start-up took.
        await waitFor(async () => Number((await server.stats()).get_hits) >= 100, 'memcached to answer 100 hits')
        await server.stop()
        const run = await running
        expect(run.exitCode).toBe(4)
        // It ended by itself: the helper would have killed a hung command after 60 s (exit code not 0).
        const result = JSON.parse(readFileSync(out, 'utf8')) as Result
        expect(result.complete).toBe(true)
        expect(result.errorLimit?.exceeded).toBe(true)
        expect(result.summary.errors).toBeGreaterThan(0)
        expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
        expect(result.summary.hits).toBeGreaterThan(0)
        expect(result.summary.operations).toBe(result.summary.reads + result.summary.writes + result.summary.deletes)
        // One sentence, its counts written as every other figure is.
        const count = String.raw`\d{1,3}(?:,\d{3})*`
        const cleanup = result.warnings.find((warning) => warning.startsWith('Could not delete the keys'))
        expect(cleanup).toMatch(new RegExp(String.raw`^Could not delete the keys under cb:[0-9a-f]+: at the end of the run: ${count} of ${count} deletes failed \(.+\); 0 keys were deleted\.$`))
      })

      it('values larger than the server stores (-I 1m) are refused before any traffic, exit 2; values just under it run', async () => {
        const server = await servers.start({extraArgs: ['-I', '1m']})
        const dir = mkdtempSync(join(tmpdir(), 'cb-memcached-item-size-'))
        const workload = (size: string) => {
          const file = join(dir, `values-${size}.yaml`)
          writeFileSync(file, `version: 1\nkeyspace: {count: 20, distribution: uniform}\nvalues: {size: ${size}}\nmix: {read: 50, write: 50}\nstrategy: write-through\nload: {operations: 100, warmup: 0}\n`)
          return file
        }
        const refused = await cli(['run', workload('2MiB'), '--target', withClient(server.url, client)])
        expect([refused.exitCode, refused.stderr.trim()]).toEqual([
          2,
          `Error: values up to 2MiB do not fit memcached at 127.0.0.1:${server.port}, whose item size limit is 1MiB (memcached -I): use smaller values (values.size), or start memcached with -I 3m or more.`,
        ])
        expect(Number((await server.stats()).cmd_set)).toBe(0)
        const fits = await cli(['run', workload('1000KiB'), '--target', withClient(server.url, client), '--json'])
        expect(fits.exitCode, fits.stderr).toBe(0)
        expect((JSON.parse(fits.stdout) as Result).summary.errors).toBe(0)
      })

      it('one node of a pool killed mid-run: the keys deleted on the other are counted in keysDeleted, as the warning counts them', async () => {
        const [kept, killed] = await Promise.all([servers.start(), servers.start()])
        const dir = mkdtempSync(join(tmpdir(), 'cb-memcached-pool-kill-'))
        const out = join(dir, 'result.json')
        const workload = join(dir, 'pool.yaml')
        writeFileSync(workload, 'version: 1\nname: pool\nkeyspace: {count: 2000, distribution: uniform}\nmix: {read: 50, write: 50}\nstrategy: {name: write-through}\norigin: {latency: 0.05ms}\nload: {operations: 60000, concurrency: 8, warmup: 0}\n')
        const pool = withClient(`memcached://127.0.0.1:${kept.port},127.0.0.1:${killed.port}`, client)
        const running = cli(['run', workload, '--target', pool, '--out', out])
        await waitFor(async () => Number((await killed.stats()).cmd_set) >= 200 && Number((await kept.stats()).cmd_set) >= 200, 'both nodes to take 200 sets')
        await killed.stop()
        await running
        const result = JSON.parse(readFileSync(out, 'utf8')) as Result
        const warning = result.warnings.find((text) => text.startsWith('Could not delete the keys'))
        const deleted = Number(/; ([\d,]+) keys were deleted\.$/.exec(warning ?? '')?.[1].replaceAll(',', ''))
        expect(deleted).toBeGreaterThan(0)
        expect(result.target.keysDeleted).toBe(deleted)
        // Those were the kept node's: none of the run's keys is left there.
        expect(await itemsOn(kept)).toBe(0)
      })

      it('a server restarted mid-run is used again once it is back; meanwhile commands fail at once, without a connect attempt each', async () => {
        const server = await servers.start()
        const stop = new AbortController()
        const prefix = 'cbtest:restart:'
        const items = async (): Promise<number> => Number((await server.stats()).curr_items)
        const workload = testWorkload({
          keyspace: {count: 2000},
          mix: {read: 0.8, write: 0.2, delete: 0},
          origin: {latency: {distribution: 'fixed', ms: 0.2}},
          load: {concurrency: 4, operations: null, durationMs: 60_000, warmup: {operations: 0}},
        })
        // Stopped once the restarted server holds the run's keys again, rather than after a fixed time.
        const running = runWorkload(workload, {target: withClient(server.url, client), targetOptions: {keyPrefix: prefix, keepKeys: true}, signal: stop.signal})
        try {
          await waitFor(async () => (await items()) >= 200, 'memcached to hold 200 of the run’s keys')
          await server.restart()
          // The restarted server started empty: items on it now were written after the reconnect.
          await waitFor(async () => (await items()) >= 100, 'the restarted memcached to hold 100 of the run’s keys')
        } finally {
          stop.abort()
        }
        const result = await running
        expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
        if (client === 'lean') expect(result.warnings.join('\n')).toMatch(/cache commands? failed: 127\.0\.0\.1:\d+: not connected \(reconnecting\)/)
      })

      it('one node of a pool killed mid-run: the other keeps serving, items become unknown', async () => {
        const pool = await startMemcachedPool(2)
        servers.stopAfter(() => pool.stop())
        const workload = testWorkload({
          keyspace: {count: 2000, distribution: 'zipfian'},
          mix: {read: 0.9, write: 0.1, delete: 0},
          origin: {latency: {distribution: 'fixed', ms: 0.2}},
          load: {concurrency: 8, operations: null, durationMs: 2500, warmup: {operations: 0}},
        })
        const running = runWorkload(workload, {target: withClient(pool.url, client), targetOptions: {timeoutMs: 500}})
        const hitsOf = async (server: MemcachedServer) => Number((await server.stats()).get_hits)
        await waitFor(async () => (await hitsOf(pool.servers[1])) >= 100, 'the second node to answer 100 hits')
        await pool.servers[1].stop()
        const survivorHitsAtKill = await hitsOf(pool.servers[0])
        const result = await running
        const s = result.summary
        expect(s.errorsByKind.connection).toBeGreaterThan(0)
        expect(s.cache.items).toBeNull()
        // The surviving node went on answering reads from cache after the kill, as its own stats say.
        expect(await hitsOf(pool.servers[0])).toBeGreaterThan(survivorHitsAtKill + 100)
        expect(s.hits).toBeGreaterThan(0)
      })
    })
  })


  if (!options.withClientIndependentTests) return
  describe('memcached target, a run split over workers', () => {
    const servers = serversPerTest()

    it('a run split over two workers reports the server’s items as unknown: a part that ended first deleted its keys before the other read the count', async () => {
      const server = await servers.start()
      const dir = mkdtempSync(join(tmpdir(), 'cb-memcached-workers-'))
      const file = join(dir, 'fits.yaml')
      writeFileSync(file, FITS_IN_MEMORY_YAML)
      const run = await cli(['run', file, '--target', server.url, '--workers', '2', '--json'])
      expect(run.exitCode, run.stderr).toBe(0)
      const result = JSON.parse(run.stdout) as Result
      expect(result.summary.hits + result.summary.misses).toBe(builtin.summary.hits + builtin.summary.misses)
      expect([result.summary.cache.items, result.summary.cache.bytes]).toEqual([null, null])
    })
  })

  describe('memcached SASL (memjs: the binary protocol)', () => {
    const servers = serversPerTest()

    it('wrong SASL credentials: exit 3, the endpoint named, the password nowhere', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cb-sasl-'))
      // An empty user database: every password is wrong.
      writeFileSync(join(dir, 'memcached.conf'), 'mech_list: plain\n')
      const server = await servers.start({extraArgs: ['-S'], env: {SASL_CONF_PATH: dir}})
      const run = await cli(['run', 'read-heavy', '--target', `memcached://bench:hunter2@127.0.0.1:${server.port}`, '--operations', '30000'])
      expect(run.exitCode).toBe(3)
      expect(run.stderr.trim()).toBe(`Error: Cannot connect to memcached at 127.0.0.1:${server.port}: the server rejected the credentials.`)
      expect(run.stdout + run.stderr).not.toContain('hunter2')
    })
  })
}
