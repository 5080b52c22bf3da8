import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {BUNDLED_WORKLOADS_DIR, listBundledWorkloads, resolveWorkloadSource} from '../../src/workload/bundled.js'
import {loadWorkload} from '../../src/workload/load-workload.js'

const EXPECTED_NAMES = [
  'dashboard-feed',
  'flash-crowd',
  'leaderboard',
  'no-cache',
  'product-catalog',
  'pubsub-fanout',
  'read-heavy',
  'sensor-stream',
  'session-store',
  'session-store-hash',
  'stampede',
  'write-heavy',
  'ycsb-a',
  'ycsb-b',
  'ycsb-c',
]

describe('bundled workloads', () => {
  it('live in workloads/ at the package root', () => {
    expect(BUNDLED_WORKLOADS_DIR).toBe(join(import.meta.dirname, '..', '..', 'workloads') + '/')
  })

  it('are listed by name, in order, with their descriptions', () => {
    const listed = listBundledWorkloads()
    expect(listed.map((entry) => entry.name)).toEqual(EXPECTED_NAMES)
    for (const entry of listed) {
      expect(entry.file).toBe(join(BUNDLED_WORKLOADS_DIR, `${entry.name}.yaml`))
      expect(entry.description?.length).toBeGreaterThan(20)
    }
  })

  it.each(EXPECTED_NAMES)('%s loads, names itself after its file, and runs in at most 200k operations', (name) => {
    const workload = loadWorkload(join(BUNDLED_WORKLOADS_DIR, `${name}.yaml`))
    expect(workload.name).toBe(name)
    // A phased open loop is sized by its rates and durations instead.
    const planned = workload.phases
      ? workload.phases.reduce((sum, phase) => sum + (phase.rate ? ((phase.rate.from + phase.rate.to) / 2) * (phase.durationMs / 1000) : Infinity), 0)
      : workload.messaging && workload.load.rate !== null && workload.load.durationMs !== null
        ? (workload.load.rate * workload.load.durationMs) / 1000
        : workload.load.operations
    expect(planned).not.toBeNull()
    expect(planned).toBeLessThanOrEqual(200_000)
  })

  it.each(EXPECTED_NAMES)('%s points editors at the schema and explains itself in a comment', (name) => {
    const lines = readFileSync(join(BUNDLED_WORKLOADS_DIR, `${name}.yaml`), 'utf8').split('\n')
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schema/workload.schema.json')
    const comment = lines.slice(1).filter((line) => line.startsWith('#'))
    expect(comment.join(' ')).toMatch(/Look at/)
  })

  it('model the situations their names promise', () => {
    const byName = Object.fromEntries(EXPECTED_NAMES.map((name) => [name, loadWorkload(join(BUNDLED_WORKLOADS_DIR, `${name}.yaml`))]))
    expect(byName['no-cache'].strategy.name).toBe('none')
    expect(byName.stampede.strategy).toMatchObject({name: 'lazy-loading', ttlMs: 500, singleFlight: false, lease: null})
    expect(byName['session-store'].strategy.name).toBe('write-through')
    expect(byName['session-store'].strategy.ttlMs).not.toBeNull()
    expect(byName['read-heavy'].strategy).toMatchObject({name: 'lazy-loading'})
    expect(byName['read-heavy'].strategy.ttlMs).not.toBeNull()
    expect(byName['read-heavy'].mix.read).toBeCloseTo(0.95, 12)
    expect(byName['write-heavy'].mix.write).toBeCloseTo(0.5, 12)
    const [steady, surge, after] = byName['flash-crowd'].phases ?? []
    expect(surge.rate?.from).toBeGreaterThan(3 * (steady.rate?.from ?? Infinity))
    expect(surge.rotate).toBeGreaterThan(0)
    expect([steady.rotate, after.rotate, after.rate]).toEqual([0, 0, steady.rate])
    expect(byName['ycsb-a'].mix).toEqual({read: 0.5, write: 0.5, delete: 0})
    expect(byName['ycsb-b'].mix).toEqual({read: 0.95, write: 0.05, delete: 0})
    expect(byName['ycsb-c'].mix).toEqual({read: 1, write: 0, delete: 0})
    for (const name of ['ycsb-a', 'ycsb-b', 'ycsb-c']) expect(byName[name].keyspace.distribution).toBe('zipfian')
    expect(byName.leaderboard.mix).toEqual({read: 0, write: 0, delete: 0, zincrby: 0.7, zrevrange: 0.2, zrank: 0.1})
    expect(byName['session-store-hash'].mix).toEqual({read: 0, write: 0, delete: 0, hgetall: 0.7, hset: 0.2, expire: 0.1})
    expect(byName['pubsub-fanout'].messaging).toMatchObject({pubsub: {subscribers: 20, patterns: false}, disconnects: [{role: 'subscriber', count: 1}]})
    expect(byName['dashboard-feed'].mix).toEqual({read: 0, write: 0, delete: 0, lpush: 0.3, lrange: 0.7})
  })
})

describe('resolveWorkloadSource', () => {
  it('uses an existing path as it is', () => {
    const path = join('workloads', 'read-heavy.yaml')
    expect(resolveWorkloadSource(path)).toBe(path)
  })

  it('finds a bundled workload by name, with or without .yaml', () => {
    const expected = join(BUNDLED_WORKLOADS_DIR, 'ycsb-b.yaml')
    expect(resolveWorkloadSource('ycsb-b')).toBe(expected)
    expect(resolveWorkloadSource('ycsb-b.yaml')).toBe(expected)
  })

  it('lists the bundled names, and the nearest one, when nothing matches', () => {
    const bundled = readdirSync(BUNDLED_WORKLOADS_DIR).filter((entry) => entry.endsWith('.yaml')).length
    expect(bundled).toBe(EXPECTED_NAMES.length)
    expect(() => resolveWorkloadSource('red-heavy')).toThrow(
      new InputError(
        `no workload file or bundled workload named "red-heavy" (did you mean "read-heavy"?); bundled workloads: ${EXPECTED_NAMES.join(', ')}.`,
      ),
    )
    expect(() => resolveWorkloadSource('elsewhere/mine.yaml')).toThrow(/^no workload file or bundled workload named "elsewhere\/mine\.yaml"; bundled/)
  })

  it('says a folder is a folder, and reads a pipe or a device as a file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cb-folder-'))
    // Before, a path that exists was said not to exist.
    expect(() => resolveWorkloadSource(folder)).toThrow(new InputError(`"${folder}" is a folder; give a workload file in it (a .yaml file) or a bundled workload's name.`))
    const fifo = join(folder, 'workload.pipe')
    execFileSync('mkfifo', [fifo])
    expect(resolveWorkloadSource(fifo)).toBe(fifo)
    // A bundled name wins over a folder of that name in the working directory.
    expect(resolveWorkloadSource('read-heavy')).toBe(join(BUNDLED_WORKLOADS_DIR, 'read-heavy.yaml'))
  })
})
