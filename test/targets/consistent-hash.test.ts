import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {ConsistentHashRing, POINTS_PER_NODE} from '../../src/targets/consistent-hash.js'

const KEYS = 100_000
const keys = Array.from({length: KEYS}, (_, i) => `cb:test:k:${i}`)
const nodes = (count: number): string[] => Array.from({length: count}, (_, i) => `127.0.0.1:${11211 + i}`)

function placement(ring: ConsistentHashRing): string[] {
  return keys.map((key) => ring.nodeNameFor(key))
}

/**
 * The ketama rule written the slow, obvious way: list every point of every node, and give the
 * key to the smallest point at or after its hash (or to the smallest point of all).
 */
function referenceNode(names: string[], key: string): string {
  const word = (text: string, index: number): number => createHash('md5').update(text).digest().readUInt32LE(index * 4)
  const hash = word(key, 0)
  let best: {point: number; name: string} | null = null
  let lowest: {point: number; name: string} | null = null
  for (const name of names) {
    for (let i = 0; i < POINTS_PER_NODE / 4; i++) {
      for (let w = 0; w < 4; w++) {
        const point = word(`${name}-${i}`, w)
        const better = (current: {point: number; name: string} | null): boolean =>
          current === null || point < current.point || (point === current.point && name < current.name)
        if (point >= hash && better(best)) best = {point, name}
        if (better(lowest)) lowest = {point, name}
      }
    }
  }
  return (best ?? lowest)!.name
}

describe('ConsistentHashRing', () => {
  it('places keys as the ketama rule says', () => {
    const names = nodes(3)
    const ring = new ConsistentHashRing(names)
    for (const key of keys.slice(0, 300)) expect(ring.nodeNameFor(key)).toBe(referenceNode(names, key))
  })

  it('spreads 100k keys over 4 nodes within 3 percentage points of an even 25 %', () => {
    const ring = new ConsistentHashRing(nodes(4))
    const counts = new Map<string, number>()
    for (const node of placement(ring)) counts.set(node, (counts.get(node) ?? 0) + 1)
    expect(counts.size).toBe(4)
    for (const count of counts.values()) expect(Math.abs(count / KEYS - 0.25)).toBeLessThan(0.03)
  })

  it('adding a fifth node moves about a fifth of the keys, all of them to the new node', () => {
    const before = new ConsistentHashRing(nodes(4))
    const newNode = '127.0.0.1:11299'
    const after = before.withNode(newNode)
    const was = placement(before)
    const now = placement(after)
    // Misplaced keys are collected and checked once: an expect() per key cost seconds for 100k keys.
    let moved = 0
    const movedElsewhere: string[] = []
    for (let i = 0; i < KEYS; i++) {
      if (was[i] === now[i]) continue
      moved++
      if (now[i] !== newNode) movedElsewhere.push(`${keys[i]} → ${now[i]}`)
    }
    expect(movedElsewhere).toEqual([])
    expect(Math.abs(moved / KEYS - 1 / 5)).toBeLessThan(0.03)
  })

  it('removing a node moves exactly the keys it held', () => {
    const names = nodes(5)
    const before = new ConsistentHashRing(names)
    const removed = names[2]
    const after = before.withoutNode(removed)
    const was = placement(before)
    const now = placement(after)
    // Misplaced keys are collected and checked once: an expect() per key cost seconds for 100k keys.
    let held = 0
    const misplaced: string[] = []
    for (let i = 0; i < KEYS; i++) {
      if (was[i] === removed) held++
      const right = was[i] === removed ? now[i] !== removed : now[i] === was[i]
      if (!right) misplaced.push(`${keys[i]}: ${was[i]} → ${now[i]}`)
    }
    expect(misplaced).toEqual([])
    expect(held).toBeGreaterThan(KEYS / 10)
  })

  it('does not depend on the order nodes are listed in, nor on the run', () => {
    const names = nodes(4)
    const forward = new ConsistentHashRing(names)
    const backward = new ConsistentHashRing([...names].reverse())
    expect(placement(backward)).toEqual(placement(forward))
    // Pinned placements (checked against referenceNode when written): a change here would move
    // keys between runs and between releases.
    const pinned: Record<string, string> = {
      a: '127.0.0.1:11212',
      b: '127.0.0.1:11211',
      c: '127.0.0.1:11212',
      'user:1': '127.0.0.1:11214',
      'user:2': '127.0.0.1:11213',
      'k:0': '127.0.0.1:11214',
      'k:1': '127.0.0.1:11213',
      'k:99999': '127.0.0.1:11212',
    }
    for (const [key, node] of Object.entries(pinned)) {
      expect(forward.nodeNameFor(key)).toBe(node)
      expect(referenceNode(names, key)).toBe(node)
    }
  })

  it('gives every key to the only node of a one-node ring and refuses duplicates', () => {
    const ring = new ConsistentHashRing(['only:1'])
    expect(ring.nodeFor('anything')).toBe(0)
    expect(() => new ConsistentHashRing(['a:1', 'a:1'])).toThrow(/duplicate/)
    expect(() => ring.withNode('only:1')).toThrow(/already/)
    expect(() => ring.withoutNode('missing:1')).toThrow(/not on the ring/)
  })
})
