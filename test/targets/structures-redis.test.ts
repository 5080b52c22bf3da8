import {Redis} from 'ioredis'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RealClock} from '../../src/time/real-clock.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import type {CacheTarget} from '../../src/targets/cache-target.js'
import type {ScoredMember, StructureCommands} from '../../src/targets/structure-target.js'
import {defaultTargetOptions} from '../../src/targets/target-options.js'
import {resolveTargetKind} from '../../src/targets/target-registry.js'
import {BUNDLED_WORKLOADS_DIR} from '../../src/workload/bundled.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'
import {type ServerProcess, startServer} from '../servers/server-process.js'

let server: ServerProcess
let redisUrl: string
/** A plain client, to look at the server from outside the targets. */
let inspector: Redis

beforeAll(async () => {
  server = await startServer('redis-server', (port) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'])
  const {port} = server
  // Structure commands run on the ioredis path; a target opened for a workload without them would choose the lean one.
  redisUrl = `redis://127.0.0.1:${port}?client=ioredis`
  inspector = new Redis({host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0})
  await inspector.connect()
})

afterAll(async () => {
  inspector?.disconnect()
  await server?.stop()
})

/** A connected target of `url` for `workload`, closed (and its keys deleted) by the returned function. */
async function openTarget(url: string, workload: Workload, keyPrefix: string): Promise<{target: CacheTarget; done(): Promise<void>}> {
  const resolved = resolveTargetKind(url)
  const clock = resolved.kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const target = await resolved.kind.create(resolved.url, {workload, clock, options: {...defaultTargetOptions(), keyPrefix, connections: 1}})
  await target.connect()
  return {
    target,
    done: async () => {
      await target.cleanup()
      await target.close()
    },
  }
}

function structuresOf(target: CacheTarget): StructureCommands {
  if (!target.structures) throw new Error(`${target.kind} has no structure commands`)
  return target.structures
}

describe.each(['builtin', 'redis'])('structure commands on %s follow Redis semantics written out by hand', (name) => {
  const url = (): string => (name === 'builtin' ? 'builtin://' : redisUrl)

  it('orders a leaderboard by score, ties by member name descending, and ranks the same way', async () => {
    const {target, done} = await openTarget(url(), testWorkload(), `cbtest:${name}:order:`)
    try {
      const board = structuresOf(target)
      // Members are named by their id in decimal, so among equal scores "9" > "2" > "100" > "10".
      for (const member of [10, 9, 100, 2]) await board.zincrby(0, member, 5)
      expect(await board.zincrby(0, 7, 2.5)).toBe(2.5)
      expect(await board.zincrby(0, 7, 4)).toBe(6.5)
      const expected: ScoredMember[] = [
        {member: 7, score: 6.5},
        {member: 9, score: 5},
        {member: 2, score: 5},
        {member: 100, score: 5},
        {member: 10, score: 5},
      ]
      expect(await board.zrevrangeTop(0, 10)).toEqual(expected)
      expect(await board.zrevrangeTop(0, 2)).toEqual(expected.slice(0, 2))
      expect(await Promise.all([7, 9, 2, 100, 10, 55].map((member) => board.zrevrank(0, member)))).toEqual([0, 1, 2, 3, 4, null])
      expect(await board.zrevrangeTop(1, 5)).toEqual([])
    } finally {
      await done()
    }
  })

  it('keeps the newest entries of a capped list, newest first', async () => {
    const {target, done} = await openTarget(url(), testWorkload(), `cbtest:${name}:list:`)
    try {
      const lists = structuresOf(target)
      const lengths: number[] = []
      for (let version = 1; version <= 5; version++) lengths.push(await lists.lpushCapped(3, {version, committedAt: version, size: 64}, 3))
      expect(lengths).toEqual([1, 2, 3, 3, 3])
      const head = await lists.lrange(3, 10)
      expect(head.map((value) => value.version)).toEqual([5, 4, 3])
      expect(head.every((value) => value.size === 64)).toBe(true)
      expect((await lists.lrange(3, 2)).map((value) => value.version)).toEqual([5, 4])
      expect(await lists.lrange(4, 2)).toEqual([])
    } finally {
      await done()
    }
  })

  it('writes hash fields, reads them all back, and reports an absent hash as null', async () => {
    const {target, done} = await openTarget(url(), testWorkload(), `cbtest:${name}:hash:`)
    try {
      const hashes = structuresOf(target)
      expect(await hashes.hset(8, 0, {version: 1, committedAt: 0, size: 40})).toBe(true)
      expect(await hashes.hset(8, 1, {version: 2, committedAt: 0, size: 40})).toBe(true)
      expect(await hashes.hset(8, 0, {version: 3, committedAt: 0, size: 40})).toBe(false)
      const fields = await hashes.hgetall(8)
      expect([...(fields ?? new Map())].map(([field, value]) => [field, value.version]).sort()).toEqual([[0, 3], [1, 2]])
      expect(await hashes.hgetall(9)).toBeNull()
      expect(await hashes.expire(9, 1000)).toBe(false)
      expect(await hashes.expire(8, 1000)).toBe(true)
      expect(await hashes.expire(8, 0)).toBe(true)
      expect(await hashes.hgetall(8)).toBeNull()
    } finally {
      await done()
    }
  })
})

describe('redis:// structure keys', () => {
  it('lets a hash expire on the server after the time PEXPIRE set', async () => {
    const {target, done} = await openTarget(redisUrl, testWorkload(), 'cbtest:ttl:')
    try {
      const hashes = structuresOf(target)
      await hashes.hset(1, 0, {version: 1, committedAt: 0, size: 32})
      await hashes.expire(1, 50)
      expect(await hashes.hgetall(1)).not.toBeNull()
      const ttl = await inspector.pttl('cbtest:ttl:h:1')
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(50)
      await new Promise((resolve) => setTimeout(resolve, 120))
      expect(await hashes.hgetall(1)).toBeNull()
    } finally {
      await done()
    }
  })

  it('names keys under the run prefix and deletes exactly the ones it wrote at cleanup', async () => {
    await inspector.set('someone-else', 'x')
    const {target, done} = await openTarget(redisUrl, testWorkload(), 'cbtest:names:')
    const commands = structuresOf(target)
    await commands.zincrby(2, 1, 1)
    await commands.hset(5, 0, {version: 1, committedAt: 0, size: 32})
    await commands.lpushCapped(1, {version: 1, committedAt: 0, size: 32}, 10)
    await commands.zrevrangeTop(3, 1) // reads create nothing
    expect((await inspector.keys('cbtest:names:*')).sort()).toEqual(['cbtest:names:feed:1', 'cbtest:names:h:5', 'cbtest:names:lb:2'])
    expect(await target.cleanup()).toBe(3)
    await target.close()
    expect(await inspector.keys('cbtest:names:*')).toEqual([])
    expect(await inspector.get('someone-else')).toBe('x')
    await inspector.del('someone-else')
    await done().catch(() => undefined)
  })
})

describe('one workload on builtin:// and redis://', () => {
  /** The final top of every board, read through the target's own zrevrangeTop before cleanup. */
  async function finalBoards(workload: Workload, target: string | undefined): Promise<{boards: ScoredMember[][]; keysDeleted?: number}> {
    const boards: ScoredMember[][] = []
    const result = await runWorkload(workload, {
      target,
      afterLoad: async (cache) => {
        for (let board = 0; board < workload.structures.sortedSets.keys; board++) {
          boards.push(await structuresOf(cache).zrevrangeTop(board, workload.structures.sortedSets.top))
        }
      },
    })
    expect(result.summary.errors).toBe(0)
    expect(result.summary.structures.zincrby).toBeGreaterThan(0)
    return {boards, keysDeleted: result.target.keysDeleted}
  }

  it('leaves the same top 10 on every leaderboard after the same seeded operations (concurrency 1)', async () => {
    const bundled = loadWorkload(join(BUNDLED_WORKLOADS_DIR, 'leaderboard.yaml'))
    const workload: Workload = {...bundled, load: {...bundled.load, concurrency: 1, operations: 20_000, warmup: {operations: 0}}}
    const onBuiltin = await finalBoards(workload, undefined)
    const onRedis = await finalBoards(workload, redisUrl)
    expect(onBuiltin.boards).toHaveLength(4)
    for (const board of onBuiltin.boards) expect(board).toHaveLength(10)
    expect(onRedis.boards).toEqual(onBuiltin.boards)
    // Scores are whole increments of 1 here, and the top of a zipfian board holds the hottest members.
    expect(onBuiltin.boards.flat().some((entry) => entry.member === 0)).toBe(true)
    expect(onRedis.keysDeleted).toBe(4)
    expect(await inspector.dbsize()).toBe(0)
  }, 60_000)

  it('breaks the many ties of a small, uniformly played board the same way', async () => {
    const bundled = loadWorkload(join(BUNDLED_WORKLOADS_DIR, 'leaderboard.yaml'))
    const workload: Workload = {
      ...bundled,
      keyspace: {...bundled.keyspace, distribution: 'uniform'},
      structures: {...bundled.structures, sortedSets: {keys: 2, members: 40, top: 40, increment: 0.5}},
      load: {...bundled.load, concurrency: 1, operations: 400, warmup: {operations: 0}},
    }
    const onBuiltin = await finalBoards(workload, undefined)
    const onRedis = await finalBoards(workload, redisUrl)
    const scores = onBuiltin.boards.flat().map((entry) => entry.score)
    expect(new Set(scores).size).toBeLessThan(scores.length / 3)
    expect(onRedis.boards).toEqual(onBuiltin.boards)
  }, 60_000)

  it('finds the same sessions: equal hgetall and hit counts (TTL longer than the run, so clocks do not matter)', async () => {
    const bundled = loadWorkload(join(BUNDLED_WORKLOADS_DIR, 'session-store-hash.yaml'))
    const workload: Workload = {
      ...bundled,
      structures: {...bundled.structures, hashes: {...bundled.structures.hashes, ttlMs: 3_600_000}},
      load: {...bundled.load, concurrency: 1, operations: 20_000, warmup: {operations: 2_000}},
    }
    const onBuiltin = await runWorkload(workload)
    const onRedis = await runWorkload(workload, {target: redisUrl})
    expect(onRedis.summary.errors).toBe(0)
    const {hgetall, hgetallHits, hset, expire} = onBuiltin.summary.structures
    expect(hgetall + hset + expire).toBe(18_000)
    expect(hgetallHits).toBeGreaterThan(0)
    expect(hgetallHits).toBeLessThan(hgetall)
    expect(onRedis.summary.structures).toEqual(onBuiltin.summary.structures)
    expect(await inspector.dbsize()).toBe(0)
  }, 60_000)
})
