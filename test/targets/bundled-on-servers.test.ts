import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {listBundledWorkloads} from '../../src/workload/bundled.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {redisAndMemcachedForFile} from '../servers/redis-and-memcached.js'

/**
 * Real-clock runs are kept short; flash-crowd is a minute of phases by design and is covered on the
 * builtin. These runs prove each workload's commands work on each server (no errors, every read a
 * hit or a miss, no key left behind), not any rate: with 1,000 operations the rarest command of a
 * bundled mix (5 %) is still sent about 50 times.
 */
const OPERATIONS = 1000
const SHORT = {operations: OPERATIONS, warmup: '0'}
const bundled = listBundledWorkloads().filter((workload) => workload.name !== 'flash-crowd')
const usesStructures = (name: string) => ['leaderboard', 'session-store-hash', 'dashboard-feed'].includes(name)
const isMessaging = (name: string) => ['pubsub-fanout', 'sensor-stream'].includes(name)

describe('every bundled workload on real servers', () => {
  const servers = redisAndMemcachedForFile()

  for (const {name, file} of bundled) {
    it(`${name} runs on redis without errors, and leaves no key behind`, async () => {
      const result = await runWorkload(loadWorkload(file, SHORT), {target: servers.redis.url})
      const s = result.summary
      expect(s.errors).toBe(0)
      expect(s.operations).toBe(OPERATIONS)
      expect(s.hits + s.misses).toBe(s.reads)
      expect(Number(await servers.redis.cli('DBSIZE'))).toBe(0)
    })

    it(`${name} runs on memcached${usesStructures(name) || isMessaging(name) ? ' — or is refused there, naming what it lacks' : ' without errors'}`, async () => {
      const run = runWorkload(loadWorkload(file, SHORT), {target: servers.memcached.url})
      if (isMessaging(name)) {
        await expect(run).rejects.toThrow(InputError)
        await expect(run).rejects.toThrow(/is Memcached, which has no (Pub\/Sub|Streams)/)
        return
      }
      if (usesStructures(name)) {
        await expect(run).rejects.toThrow(InputError)
        await expect(run).rejects.toThrow(/memcached:\/\/ does not support \w+/)
        return
      }
      const s = (await run).summary
      expect(s.errors).toBe(0)
      expect(s.operations).toBe(OPERATIONS)
      expect(s.hits + s.misses).toBe(s.reads)
    })
  }
})
