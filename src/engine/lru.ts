import {FifoPolicy, ORDER} from './fifo.js'

/**
 * Least recently used: the same single list as FIFO, except that a read or an overwrite moves
 * the entry to the most-recent end.
 */
export class LruPolicy extends FifoPolicy {
  override touched(slot: number): void {
    this.order.moveToBack(ORDER, slot)
  }
}
