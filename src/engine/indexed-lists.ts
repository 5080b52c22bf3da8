import {grownInt32} from './typed-array-growth.js'

const NONE = -1

/**
 * Doubly linked lists of small integers (elements) threaded through Int32Arrays, so linking
 * and unlinking never allocate and recency updates stay O(1) however skewed the access is.
 * Several lists can share the element arrays as long as each element is in at most one list
 * at a time; lists are numbered 0..listCapacity-1 and element links are -1 at the ends.
 */
export class IndexedLists {
  private previous: Int32Array
  private following: Int32Array
  private heads: Int32Array
  private tails: Int32Array

  constructor(elementCapacity: number, listCapacity: number) {
    this.previous = new Int32Array(elementCapacity)
    this.following = new Int32Array(elementCapacity)
    this.heads = new Int32Array(listCapacity).fill(NONE)
    this.tails = new Int32Array(listCapacity).fill(NONE)
  }

  /** First element of list, or -1 when it is empty. */
  first(list: number): number {
    return this.heads[list]
  }

  /** Last element of list, or -1 when it is empty. */
  last(list: number): number {
    return this.tails[list]
  }

  /** The element after element in its list, or -1. */
  after(element: number): number {
    return this.following[element]
  }

  /** The element before element in its list, or -1. */
  before(element: number): number {
    return this.previous[element]
  }

  isEmpty(list: number): boolean {
    return this.heads[list] === NONE
  }

  pushBack(list: number, element: number): void {
    const tail = this.tails[list]
    this.previous[element] = tail
    this.following[element] = NONE
    if (tail === NONE) this.heads[list] = element
    else this.following[tail] = element
    this.tails[list] = element
  }

  pushFront(list: number, element: number): void {
    const head = this.heads[list]
    this.previous[element] = NONE
    this.following[element] = head
    if (head === NONE) this.tails[list] = element
    else this.previous[head] = element
    this.heads[list] = element
  }

  /** Links element right after anchor, which must be in list. */
  insertAfter(list: number, anchor: number, element: number): void {
    const next = this.following[anchor]
    this.previous[element] = anchor
    this.following[element] = next
    this.following[anchor] = element
    if (next === NONE) this.tails[list] = element
    else this.previous[next] = element
  }

  remove(list: number, element: number): void {
    const previous = this.previous[element]
    const next = this.following[element]
    if (previous === NONE) this.heads[list] = next
    else this.following[previous] = next
    if (next === NONE) this.tails[list] = previous
    else this.previous[next] = previous
  }

  moveToBack(list: number, element: number): void {
    // Under skew the hottest element is touched again and again; skip the relink.
    if (this.tails[list] === element) return
    this.remove(list, element)
    this.pushBack(list, element)
  }

  growElements(capacity: number): void {
    if (capacity <= this.previous.length) return
    this.previous = grownInt32(this.previous, capacity, NONE)
    this.following = grownInt32(this.following, capacity, NONE)
  }

  growLists(capacity: number): void {
    if (capacity <= this.heads.length) return
    this.heads = grownInt32(this.heads, capacity, NONE)
    this.tails = grownInt32(this.tails, capacity, NONE)
  }
}
