import type {Clock} from '../time/clock.js'
import {Completion} from './completion.js'
import type {Command, Flow, FlowBooks, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'
import {BehindWriteFlow, FlushFlow, type Flight, type PendingWrite, type WriteBehindSteps} from './write-behind-flows.js'

/**
 * Write-behind (write-back): a write sets the cache and returns; the origin is written
 * `flushDelay` later, once for all writes to the key in that window. Until then the cache holds
 * data the origin has not got, so a failed cache node loses those writes.
 *
 * Values set ahead of the origin carry the version their flush will commit. Flushes of one key
 * run one at a time, in order, so that label always matches what the origin commits. Each flush
 * is a flow started beside the write (FlowIo.spawn), so both engines run it; the write and the
 * flush are reused flows (write-behind-flows.ts) driven by the bookkeeping here.
 */
export class WriteBehindStrategy implements Strategy, WriteBehindSteps {
  readonly name = 'write-behind'
  readonly usesCache = true
  /** Per key id, the writes waiting for their flush. Arrays, not maps: keys are dense ids, and a 50:50 mix looks them up on every operation. */
  private readonly pending: Array<PendingWrite | undefined> = []
  /** Per key id, the flush being written to the origin. */
  private readonly flushing: Array<Flight | undefined> = []
  private stopped = false
  /** The flush `startFlush` starts: set just before each spawn, which starts its flow at once. */
  private spawnKey = 0
  private spawnEntry: PendingWrite | undefined = undefined
  /**
   * Entries and flights no longer in use, for the next ones: a 50:50 mix flushes about one write
   * in three, and each flush allocated both (plus the completion deletes wait for), all kept in
   * the per-key tables across many events, where a young object costs a remembered-set entry.
   */
  private readonly spareEntries: PendingWrite[] = []
  private readonly spareFlights: Flight[] = []
  private readonly startFlush = (io: FlowIo): Flow<void> => FlushFlow.of(io).start(this.spawnKey, this.spawnEntry as PendingWrite, this)

  constructor(
    private readonly readPath: ReadPath,
    private readonly ttl: TtlPolicy,
    private readonly clock: Clock,
    readonly flushDelayMs: number,
    private readonly valueSize: () => number,
  ) {}

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  write(key: number, io: FlowIo): Flow<void> {
    return BehindWriteFlow.of(io).start(key, this)
  }

  /** A write's bookkeeping: folds it into the key's pending flush or schedules one, and gives the cache set to send. */
  writeAhead(key: number, io: FlowIo): Command {
    let entry = this.pending[key]
    if (entry === undefined) {
      const ahead = this.flushing[key]?.version ?? 0
      entry = this.newEntry(Math.max(io.books.originVersion(key), ahead) + 1, io.books)
      place(this.pending, key, entry)
      this.spawnKey = key
      this.spawnEntry = entry
      io.spawn(this.startFlush)
      this.spawnEntry = undefined
    } else {
      entry.writes++
      entry.books = io.books
    }
    // The io's own register: the set is the io's one command under way, and the value is read by then.
    const value = io.valueAhead
    value.version = entry.version
    value.committedAt = this.clock.now()
    value.size = this.valueSize()
    return io.cacheSet(key, value, this.ttl.next())
  }

  /** A delete goes to the origin at once; writes still waiting for the key are superseded by it. */
  *delete(key: number, io: FlowIo): Flow<void> {
    const entry = this.pending[key]
    if (entry !== undefined) {
      this.pending[key] = undefined
      io.books.note('writesCoalesced', entry.writes)
    }
    const flight = this.flushing[key]
    if (flight !== undefined) yield io.join((flight.landed ??= new Completion()))
    yield* deleteAndInvalidate(key, io)
  }

  nodeFailed(lost: (key: number) => boolean = () => true): void {
    const pending = this.pending
    for (let key = 0; key < pending.length; key++) {
      const entry = pending[key]
      if (entry === undefined || !lost(key)) continue
      entry.books.note('writesLost', entry.writes)
      pending[key] = undefined
    }
  }

  stop(): void {
    this.stopped = true
    const pending = this.pending
    for (let key = 0; key < pending.length; key++) {
      const entry = pending[key]
      if (entry === undefined) continue
      entry.books.note('writesPending', entry.writes)
      pending[key] = undefined
    }
  }

  /** A flush's delay is over: the entry to write now, or none when an older flush of the key is still on its way (it flushes this one when it lands). */
  dueAfterDelay(key: number, entry: PendingWrite): PendingWrite | undefined {
    if (this.flushing[key] === undefined) return entry
    entry.due = true
    return undefined
  }

  /** Takes `next` off the pending writes onto a flight to the origin; none when it was lost, superseded by a delete or left pending at the end of the load. */
  takeOff(key: number, next: PendingWrite): Flight | undefined {
    if (this.stopped || this.pending[key] !== next) return undefined
    this.pending[key] = undefined
    next.books.note('writesCoalesced', next.writes - 1)
    const flight = this.newFlight(next.version)
    // Nothing holds the entry any more: the flush that took it off keeps only the flight.
    this.spareEntries.push(next)
    place(this.flushing, key, flight)
    return flight
  }

  /** A flight has landed: deletes waiting for it go on, and the key's next pending writes are flushed now if their own delay is already over. */
  landed(key: number, flight: Flight): PendingWrite | undefined {
    this.flushing[key] = undefined
    flight.landed?.complete()
    // A delete that joined holds the completion, not the flight; the flush drops the flight as this returns.
    this.spareFlights.push(flight)
    const next = this.pending[key]
    // Not yet due: its own flush starts when its delay is over.
    return next !== undefined && next.due ? next : undefined
  }

  /** The entry of a key's first write since its last flush took off: one write, to commit `version`. */
  private newEntry(version: number, books: FlowBooks): PendingWrite {
    const entry = this.spareEntries.pop()
    if (entry === undefined) return {version, writes: 1, books, due: false}
    entry.version = version
    entry.writes = 1
    entry.books = books
    entry.due = false
    return entry
  }

  /** A flight committing `version`, with no completion yet (a delete that must wait makes it). */
  private newFlight(version: number): Flight {
    const flight = this.spareFlights.pop()
    if (flight === undefined) return {version, landed: undefined}
    flight.version = version
    flight.landed = undefined
    return flight
  }
}

/** Sets `table[key]`, growing the table one element at a time so it stays a packed array (a far index would turn it into a dictionary). */
function place<T>(table: Array<T | undefined>, key: number, value: T): void {
  while (table.length <= key) table.push(undefined)
  table[key] = value
}
