import type {WatchLine} from './memcached-watch-pairing.js'

/**
 * Lines waiting at most to be put back in order, so memory stays bounded. Lines seen out of
 * order in captures here were at most a few lines from their place (memcached 1.6.18 under load
 * on a 2-core machine); a thousand leaves ample room.
 */
const WINDOW = 1024

/**
 * Puts watch lines back in the order memcached logged them. Each entry carries `gid`, the
 * logger's global sequence number (memcached logger.c), but worker threads log into their own
 * buffers and the logger thread writes those out in turn, so a connection's own lines can come
 * out of order: a store seen before a lookup of another key on the same connection, then that
 * lookup's own store (seen in a capture: gid 58 get, 56 get, 57 store, …, 59 store), which would
 * part a store from its own lookup. Lines wait, sorted by gid, until more than WINDOW wait; a
 * line without a gid is passed on in file order, after those waiting.
 */
export class GidOrder {
  private readonly waiting: WatchLine[] = []

  /** Adds a line; hands back the lines now due, in gid order. */
  add(line: WatchLine, due: (line: WatchLine) => void): void {
    if (Number.isNaN(line.gid)) {
      this.drain(due)
      due(line)
      return
    }
    const waiting = this.waiting
    let at = waiting.length
    while (at > 0 && waiting[at - 1].gid > line.gid) at--
    waiting.splice(at, 0, line)
    if (waiting.length > WINDOW) due(waiting.shift()!)
  }

  /** Hands back every waiting line, in gid order. */
  drain(due: (line: WatchLine) => void): void {
    for (const line of this.waiting) due(line)
    this.waiting.length = 0
  }
}
