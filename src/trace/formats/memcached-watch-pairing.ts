/**
 * Pairs a memcached store with the lookup of its key that memcached ≥ 1.6 logs just before it, so
 * the pair replays as one write (see memcached-watch.ts for what the log holds).
 *
 * The pair is found per connection (`cfd`), not by adjacency in the file: each worker thread
 * logs into its own buffer and the logger thread writes the buffers out in turn, so a line of
 * another connection (another thread) can fall between a store's lookup and the store itself
 * (seen: a capture of one client opening a connection per command, under load). Lines wait in a
 * queue, in the order read, until they are decided; a get is decided when its connection logs
 * its next line, or when the log has moved on by more than `horizon` (a connection that logged
 * nothing since), or when too many lines wait behind it.
 */

export interface WatchLine {
  ts: number
  /** The logger's sequence number (NaN when the line has none). */
  gid: number
  type: 'item_get' | 'item_store'
  key: string
  cfd: string
  cmd: string
  ttl: number
  size: number
}

/**
 * How far apart in time a lookup and its store may be logged and still be paired while the
 * trace has not shown that its server logs a store's lookup: servers that log none would
 * otherwise fold a client's get into its next set of the key. Wide, because a loaded server can
 * be descheduled between the two log lines (seen: more than 1 ms on a busy 2-core machine).
 */
const STORE_LOOKUP_WINDOW_S = 0.05
/** How long a get waits for a store of its key on its connection once the server logs lookups. */
const LOOKUP_HORIZON_S = 1
/** Lines waiting at most, so memory stays bounded whatever the log holds. */
const MAX_WAITING = 4096

const OPEN = 0
const EMIT = 1
const DROP = 2

interface Waiting {
  line: WatchLine
  state: typeof OPEN | typeof EMIT | typeof DROP
}

export class WatchPairing {
  private queue: Waiting[] = []
  private head = 0
  /** The undecided get of each connection. */
  private readonly openGets = new Map<string, Waiting>()
  /** undefined until the first store tells whether this server logs a store's own lookup. */
  private storesLogLookups: boolean | undefined
  private latestTs = -Infinity

  add(line: WatchLine): void {
    if (line.ts > this.latestTs) this.latestTs = line.ts
    const open = this.openGets.get(line.cfd)
    this.openGets.delete(line.cfd)
    const waiting: Waiting = {line, state: EMIT}
    if (line.type === 'item_get') {
      if (open) open.state = EMIT
      waiting.state = OPEN
      this.openGets.set(line.cfd, waiting)
    } else if (open) {
      open.state = this.isOwnLookup(open.line, line) ? DROP : EMIT
    } else {
      // A store with no lookup before it on its connection: this server logs none.
      this.storesLogLookups = false
    }
    this.queue.push(waiting)
    this.ageOut()
  }

  /** The next decided line in the order read, or null while the oldest one waits. */
  take(): WatchLine | null {
    const queue = this.queue
    while (this.head < queue.length) {
      const waiting = queue[this.head]
      if (waiting.state === OPEN) return null
      this.head++
      if (this.head > 1024 && this.head * 2 > queue.length) {
        this.queue = queue.slice(this.head)
        this.head = 0
      }
      if (waiting.state === EMIT) return waiting.line
    }
    return null
  }

  /** At the end of the log: every get still waiting is a read. */
  finish(): void {
    for (const waiting of this.openGets.values()) waiting.state = EMIT
    this.openGets.clear()
  }

  private isOwnLookup(lookup: WatchLine, store: WatchLine): boolean {
    if (lookup.key !== store.key) {
      this.storesLogLookups = false
      return false
    }
    const withinWindow = store.ts - lookup.ts <= STORE_LOOKUP_WINDOW_S
    if (withinWindow && this.storesLogLookups === undefined) this.storesLogLookups = true
    return withinWindow || this.storesLogLookups === true
  }

  /** Decides the oldest waiting get once the log has moved on past its horizon, or too much waits. */
  private ageOut(): void {
    const horizon = this.storesLogLookups === true ? LOOKUP_HORIZON_S : STORE_LOOKUP_WINDOW_S
    for (;;) {
      const oldest = this.queue[this.head]
      if (oldest === undefined || oldest.state !== OPEN) return
      if (this.latestTs - oldest.line.ts <= horizon && this.queue.length - this.head <= MAX_WAITING) return
      oldest.state = EMIT
      this.openGets.delete(oldest.line.cfd)
    }
  }
}
