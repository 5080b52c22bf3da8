import {IndexedLists} from './indexed-lists.js'
import {grownInt32} from './typed-array-growth.js'

const NONE = -1

/** A few lists of slots, each slot in at most one, with the length of each list and each slot's list. */
export class CountedLists {
  readonly lists: IndexedLists
  readonly counts: number[]
  private listOfSlot: Int32Array

  constructor(initialCapacity: number, listCount: number) {
    this.lists = new IndexedLists(initialCapacity, listCount)
    this.counts = new Array<number>(listCount).fill(0)
    this.listOfSlot = new Int32Array(initialCapacity).fill(NONE)
  }

  /** The list slot is in, or -1. */
  listOf(slot: number): number {
    return this.listOfSlot[slot]
  }

  /** Oldest (least recently linked) slot of list, or -1. */
  first(list: number): number {
    return this.lists.first(list)
  }

  link(slot: number, list: number): void {
    this.lists.pushBack(list, slot)
    this.listOfSlot[slot] = list
    this.counts[list]++
  }

  unlink(slot: number): void {
    const list = this.listOfSlot[slot]
    this.lists.remove(list, slot)
    this.listOfSlot[slot] = NONE
    this.counts[list]--
  }

  grow(capacity: number): void {
    this.lists.growElements(capacity)
    this.listOfSlot = grownInt32(this.listOfSlot, capacity, NONE)
  }
}
