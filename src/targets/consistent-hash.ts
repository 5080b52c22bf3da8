import {createHash} from 'node:crypto'

/**
 * Ketama-style consistent hashing, the scheme libmemcached and most memcached clients use for
 * client-side pools: every node owns POINTS_PER_NODE points on a 32-bit ring, a key belongs to
 * the first point at or after its own hash (wrapping round), so adding or removing one node
 * moves only about 1/n of the keys, and only to or from that node.
 *
 * Points: MD5 of "<node name>-<i>" for i = 0..39; each 16-byte digest gives four points, its
 * bytes read as four little-endian 32-bit words. A key's hash is the first such word of the
 * MD5 of the key. Node names are "host:port", so every client that follows the scheme places
 * keys the same way.
 */
export const POINTS_PER_NODE = 160
const POINTS_PER_DIGEST = 4

function md5(text: string): Buffer {
  return createHash('md5').update(text).digest()
}

/** A key's position on a ring, the same on every ring: a pool that changes its ring may keep it (an MD5 costs microseconds). */
export function keyPosition(key: string): number {
  return md5(key).readUInt32LE(0)
}

/** An immutable ring; `withNode` / `withoutNode` build new ones. */
export class ConsistentHashRing {
  readonly nodeNames: readonly string[]
  /** Point positions, ascending. */
  private readonly points: Uint32Array
  /** owners[i]: index into nodeNames of the node owning points[i]. */
  private readonly owners: Uint32Array

  constructor(nodeNames: readonly string[]) {
    if (nodeNames.length === 0) throw new Error('a consistent-hash ring needs at least one node')
    if (new Set(nodeNames).size !== nodeNames.length) throw new Error(`duplicate node names in ${nodeNames.join(', ')}`)
    this.nodeNames = [...nodeNames]
    const entries: Array<{point: number; owner: number}> = []
    nodeNames.forEach((name, owner) => {
      for (let i = 0; i < POINTS_PER_NODE / POINTS_PER_DIGEST; i++) {
        const digest = md5(`${name}-${i}`)
        for (let word = 0; word < POINTS_PER_DIGEST; word++) entries.push({point: digest.readUInt32LE(word * 4), owner})
      }
    })
    // Ties (two nodes hashing to one point) go to the lexically smaller name, so placement does
    // not depend on the order the nodes were listed in.
    entries.sort((a, b) => a.point - b.point || compareNames(nodeNames[a.owner], nodeNames[b.owner]))
    this.points = Uint32Array.from(entries, (entry) => entry.point)
    this.owners = Uint32Array.from(entries, (entry) => entry.owner)
  }

  get size(): number {
    return this.nodeNames.length
  }

  /** Index (into nodeNames) of the node that holds `key`. */
  nodeFor(key: string): number {
    return this.nodeAt(keyPosition(key))
  }

  /** Index (into nodeNames) of the node that holds a key at `position` (keyPosition). */
  nodeAt(position: number): number {
    if (this.nodeNames.length === 1) return 0
    return this.owners[this.pointIndexFor(position)]
  }

  /** Name of the node that holds `key`. */
  nodeNameFor(key: string): string {
    return this.nodeNames[this.nodeFor(key)]
  }

  withNode(name: string): ConsistentHashRing {
    if (this.nodeNames.includes(name)) throw new Error(`node ${name} is already on the ring`)
    return new ConsistentHashRing([...this.nodeNames, name])
  }

  withoutNode(name: string): ConsistentHashRing {
    if (!this.nodeNames.includes(name)) throw new Error(`node ${name} is not on the ring`)
    return new ConsistentHashRing(this.nodeNames.filter((node) => node !== name))
  }

  /** First point at or after `hash`, wrapping to the first point of the ring. */
  private pointIndexFor(hash: number): number {
    const points = this.points
    let low = 0
    let high = points.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (points[middle] < hash) low = middle + 1
      else high = middle
    }
    return low === points.length ? 0 : low
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
