import type {Clock} from '../time/clock.js'
import {Completion} from './completion.js'
import type {Flow, FlowBooks, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** Writes to one key waiting for their flush; later writes fold into it. */
interface PendingWrite {
  /** The version the origin will have once this flush lands. */
  version: number
  /** Application writes folded into it. */
  writes: number
  /** Counts the flush with the most recent writer's measurement state. */
  books: FlowBooks
  /** Its flush delay is over, but an older flush of the key was still on its way: that one flushes it when it lands. */
  due: boolean
}

/** A flush on its way to the origin. */
interface Flight {
  /** The version it commits. */
  version: number
  /** Done when it has landed: a delete of the key waits for it. */
  landed: Completion
}

/**
 * Write-behind (write-back): a write sets the cache and returns; the origin is written
 * `flushDelay` later, once for all writes to the key in that window. Until then the cache holds
 * data the origin has not got, so a failed cache node loses those writes.
 *
 * Values set ahead of the origin carry the version their flush will commit. Flushes of one key
 * run one at a time, in order, so that label always matches what the origin commits. Each flush
 * is a flow started beside the write (FlowIo.spawn), so both engines run it.
 */
export class WriteBehindStrategy implements Strategy {
  readonly name = 'write-behind'
  readonly usesCache = true
  private readonly pending = new Map<number, PendingWrite>()
  /** Per key, the flush being written to the origin. */
  private readonly flushing = new Map<number, Flight>()
  private stopped = false

  constructor(
    private readonly readPath: ReadPath,
    private readonly ttl: TtlPolicy,
    private readonly clock: Clock,
    private readonly flushDelayMs: number,
    private readonly valueSize: () => number,
  ) {}

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  *write(key: number, io: FlowIo): Flow<void> {
    let entry = this.pending.get(key)
    if (entry === undefined) {
      const ahead = this.flushing.get(key)?.version ?? 0
      const scheduled: PendingWrite = {version: Math.max(io.books.originVersion(key), ahead) + 1, writes: 1, books: io.books, due: false}
      entry = scheduled
      this.pending.set(key, scheduled)
      io.spawn((flushIo) => this.flush(key, scheduled, flushIo))
    } else {
      entry.writes++
      entry.books = io.books
    }
    yield io.cacheSet(key, {version: entry.version, committedAt: this.clock.now(), size: this.valueSize()}, this.ttl.next())
  }

  /** A delete goes to the origin at once; writes still waiting for the key are superseded by it. */
  *delete(key: number, io: FlowIo): Flow<void> {
    const entry = this.pending.get(key)
    if (entry !== undefined) {
      this.pending.delete(key)
      io.books.note('writesCoalesced', entry.writes)
    }
    const flight = this.flushing.get(key)
    if (flight !== undefined) yield io.join(flight.landed)
    yield* deleteAndInvalidate(key, io)
  }

  nodeFailed(lost: (key: number) => boolean = () => true): void {
    for (const [key, entry] of this.pending) {
      if (!lost(key)) continue
      entry.books.note('writesLost', entry.writes)
      this.pending.delete(key)
    }
  }

  stop(): void {
    this.stopped = true
    for (const entry of this.pending.values()) entry.books.note('writesPending', entry.writes)
    this.pending.clear()
  }

  /** Waits out the flush delay, then writes the key's pending writes to the origin, and any that came due meanwhile. */
  private *flush(key: number, entry: PendingWrite, io: FlowIo): Flow<void> {
    yield io.wait(this.flushDelayMs)
    if (this.flushing.has(key)) {
      entry.due = true
      return
    }
    let next: PendingWrite | undefined = entry
    while (next !== undefined) {
      // Lost with the node, superseded by a delete, or left pending at the end of the load.
      if (this.stopped || this.pending.get(key) !== next) return
      this.pending.delete(key)
      next.books.note('writesCoalesced', next.writes - 1)
      const flight: Flight = {version: next.version, landed: new Completion()}
      this.flushing.set(key, flight)
      yield io.originWrite(key)
      this.flushing.delete(key)
      flight.landed.complete()
      next = this.pending.get(key)
      // Not yet due: its own flush starts when its delay is over.
      if (next !== undefined && !next.due) return
    }
  }
}
