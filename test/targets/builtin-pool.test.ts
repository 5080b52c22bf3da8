import {describe, expect, it} from 'vitest'
import {keyName} from '../../src/engine/item-size.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {BuiltinPool} from '../../src/targets/builtin-pool.js'
import {createBuiltinTarget} from '../../src/targets/builtin-url.js'
import {ConsistentHashRing} from '../../src/targets/consistent-hash.js'
import {defaultTargetOptions} from '../../src/targets/target-options.js'
import {parseTargetUrl} from '../../src/targets/target-url.js'
import {testWorkload} from '../helpers/workload.js'

const KEYS = 100_000

function pool(url: string, overrides: Parameters<typeof testWorkload>[0] = {}): BuiltinPool {
  const workload = testWorkload({keyspace: {count: KEYS}, ...overrides})
  const target = createBuiltinTarget(parseTargetUrl(url), {workload, clock: new VirtualClock(), options: defaultTargetOptions()})
  if (!(target instanceof BuiltinPool)) throw new Error(`${url} did not make a pool`)
  return target
}

function placement(target: BuiltinPool): string[] {
  const names = target.control.nodeNames()
  return Array.from({length: KEYS}, (_, key) => names[target.nodeIndexOf(key)])
}

const value = {version: 1, committedAt: 0, size: 100}

describe('built-in pool (builtin://?nodes=N)', () => {
  it('places keys as a ketama ring of its node names does', () => {
    const target = pool('builtin://?nodes=4')
    const ring = new ConsistentHashRing(['node-0', 'node-1', 'node-2', 'node-3'])
    for (let key = 0; key < KEYS; key += 97) expect(target.control.nodeNames()[target.nodeIndexOf(key)]).toBe(ring.nodeNameFor(keyName(key)))
  })

  it('scale-out from 4 to 5 nodes remaps about 1/5 of the keys, all of them to the new node', async () => {
    const target = pool('builtin://?nodes=4')
    const before = placement(target)
    const effect = await target.control.perform('scale-out', 0)
    const after = placement(target)
    const moved = after.filter((name, key) => name !== before[key])
    expect(effect).toMatchObject({nodeName: 'node-4', nodes: 5})
    expect(Math.abs(moved.length / KEYS - 1 / 5)).toBeLessThanOrEqual(0.05)
    expect(new Set(moved)).toEqual(new Set(['node-4']))
    expect(effect.details?.keysRemapped).toBe(moved.length / KEYS)
  })

  it('scale-in moves exactly the keys of the node that leaves, and those entries are gone', async () => {
    const target = pool('builtin://?nodes=4')
    for (let key = 0; key < 1000; key++) await target.set(key, value, null)
    const before = placement(target)
    const leaving = before.slice(0, 1000).filter((name) => name === 'node-2').length
    const effect = await target.control.perform('scale-in', 2)
    const after = placement(target)
    for (let key = 0; key < KEYS; key++) {
      if (before[key] === 'node-2') expect(after[key]).not.toBe('node-2')
      else expect(after[key]).toBe(before[key])
    }
    expect(effect).toMatchObject({nodeName: 'node-2', nodes: 3, details: {entriesLost: leaving}})
    let hits = 0
    for (let key = 0; key < 1000; key++) if ((await target.get(key)) !== null) hits++
    expect(hits).toBe(1000 - leaving)
  })

  it('a node failure empties that node only; a flush empties all', async () => {
    const target = pool('builtin://?nodes=4')
    for (let key = 0; key < 2000; key++) await target.set(key, value, null)
    const onNode1 = placement(target).slice(0, 2000).filter((name) => name === 'node-1').length
    expect(await target.control.perform('node-failure', 1)).toMatchObject({nodeName: 'node-1', nodes: 4, details: {entriesLost: onNode1}})
    for (let key = 0; key < 2000; key++) expect((await target.get(key)) === null).toBe(target.nodeIndexOf(key) === 1)
    expect((await target.stats()).items).toBe(2000 - onNode1)
    await target.control.perform('flush', 0)
    expect((await target.stats()).items).toBe(0)
  })

  it('gives each node an equal share of the capacity, and a joining node brings its own', async () => {
    const target = pool('builtin://?nodes=4&maxItems=1000')
    for (let key = 0; key < 20_000; key++) await target.set(key, value, null)
    expect((await target.stats()).items).toBe(1000)
    await target.control.perform('scale-out', 0)
    for (let key = 0; key < 20_000; key++) await target.set(key, value, null)
    expect((await target.stats()).items).toBe(1250)
  })

  it('refuses a pool size it cannot hold and data-structure operations', () => {
    expect(() => pool('builtin://?nodes=0')).toThrow('builtin://?nodes must be a whole number from 1 to 1024 (got "0").')
    expect(() => pool('builtin://?nodes=2', {mix: {read: 1, write: 0, delete: 0, zincrby: 1}})).toThrow(
      'builtin://?nodes=2 does not support zincrby',
    )
  })
})
