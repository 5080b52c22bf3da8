import {IndexedLists} from './indexed-lists.js'
import {grownInt32} from './typed-array-growth.js'

const NONE = -1
const ORDER = 0

/**
 * A bounded FIFO of keys that left the cache (2Q's A1out, S3-FIFO's G): membership by key id
 * in O(1), oldest dropped first, all in typed arrays. Keys are the engine's integer ids.
 */
export class GhostKeys {
  private nodeOfKey: Int32Array = new Int32Array(1024).fill(NONE)
  private keyOfNode: Int32Array = new Int32Array(64)
  private readonly order = new IndexedLists(64, 1)
  private freeNodes: Int32Array = new Int32Array(64)
  private freeCount = 0
  private nodesUsed = 0
  private count = 0

  get size(): number {
    return this.count
  }

  has(key: number): boolean {
    return key < this.nodeOfKey.length && this.nodeOfKey[key] !== NONE
  }

  /** Remembers key as the newest, then forgets the oldest while more than limit are held. */
  add(key: number, limit: number): void {
    if (this.has(key)) this.delete(key)
    if (key >= this.nodeOfKey.length) this.nodeOfKey = grownInt32(this.nodeOfKey, Math.max(key + 1, this.nodeOfKey.length * 2), NONE)
    const node = this.allocateNode()
    this.keyOfNode[node] = key
    this.nodeOfKey[key] = node
    this.order.pushBack(ORDER, node)
    this.count++
    while (this.count > limit) this.delete(this.keyOfNode[this.order.first(ORDER)])
  }

  /** Forgets the oldest key, if any. */
  dropOldest(): void {
    const oldest = this.order.first(ORDER)
    if (oldest !== NONE) this.delete(this.keyOfNode[oldest])
  }

  delete(key: number): void {
    if (!this.has(key)) return
    const node = this.nodeOfKey[key]
    this.order.remove(ORDER, node)
    this.nodeOfKey[key] = NONE
    this.freeNodes[this.freeCount++] = node
    this.count--
  }

  private allocateNode(): number {
    if (this.freeCount > 0) return this.freeNodes[--this.freeCount]
    if (this.nodesUsed === this.keyOfNode.length) {
      const capacity = this.keyOfNode.length * 2
      this.keyOfNode = grownInt32(this.keyOfNode, capacity, 0)
      this.freeNodes = grownInt32(this.freeNodes, capacity, 0)
      this.order.growElements(capacity)
    }
    return this.nodesUsed++
  }
}
