import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {OperationSources} from '../runner/partition.js'
import {countDelete, countGet, countLeaseGet, countLeaseSet, countSet} from '../runner/command-counts.js'
import {operationRecords, type OperationRecords} from '../runner/operation-records.js'
import {countStructureError, countStructureReply, PreparedStructureOperation} from '../runner/structure-operations.js'
import type {VirtualClock} from '../time/virtual-clock.js'
import {Lane} from '../time/timer-queue.js'
import {Command, FlowIo, type Flow, type FlowBooks} from '../strategies/flow.js'
import type {BackgroundEvent, ReadAnswer, Strategy} from '../strategies/strategy.js'
import type {CachedValue, LeaseGetAnswer, SimulatedCache} from '../targets/cache-target.js'

/** What every slot of one simulation shares. */
export interface SimulationParts {
  clock: VirtualClock
  cache: SimulatedCache
  origin: SimulatedOrigin
  strategy: Strategy
  metrics: RunMetrics
  sources: OperationSources
  /** Open loop: also record service time (from the actual start) beside response time, as the async runner does. */
  openLoop?: boolean
  /**
   * A command whose time ends before any other event may take effect at once, time moved on
   * (VirtualClock.advanceIfNext): true where what runs an operation has nothing else to do in
   * that event (the closed loop), not where it goes on dispatching arrivals (the open loop).
   */
  stepsInPlace?: boolean
  /** Called when an operation that had to wait has finished, inside the event that finished it. */
  operationDone(slot: SimulatedSlot): void
}

const READ = 0
const WRITE = 1
const DELETE = 2
/** A flow started beside an operation (FlowBooks.spawn): timed and counted, but not an operation itself. */
const BACKGROUND = 3
/** A data-structure operation: one command to the cache's structures, no strategy. */
const STRUCTURE = 4
/** The command a data-structure operation sends (not a strategy's command: no flow yields it). */
const STRUCTURE_COMMAND = -1
/** What `after` is told for a delay that is drawn, not constant: it goes to the heap. */
const NO_LANE = -1
/** The answer to a failed lease get: token 0 is never issued. */
const FAILED_LEASE: LeaseGetAnswer = {kind: 'lease', token: 0}
/** A time not yet set: NaN, which V8 holds as a double as it does any fraction, so time fields are doubles from the start (see the class). */
const NOT_YET = Number.NaN
/** Origin values one operation usually holds at most (a read's, a write's); more grow the record. */
const HANDED_OUT_PAIRS = 4

/** One set of records per simulation's parts, shared by its slots: one call target at the hot call sites. */
const sharedRecords = new WeakMap<SimulationParts, OperationRecords>()

function recordsOf(parts: SimulationParts): OperationRecords {
  let records = sharedRecords.get(parts)
  if (records === undefined) {
    records = operationRecords(parts.clock, parts.origin, parts.metrics, parts.openLoop === true)
    sharedRecords.set(parts, records)
  }
  return records
}

/**
 * One in-flight position of the load, running one operation at a time as a state machine: it
 * resumes the strategy's flow, carries out each command synchronously — at once when it takes
 * no time, else from a clock event `latency` later — and records the operation as the async
 * operation runner and timed steps do, in the same order, so both give identical figures.
 * Nothing is allocated per command; per operation, only the strategy's generator.
 */
export class SimulatedSlot implements FlowBooks {
  measured = false
  private readonly io = new FlowIo(this)
  private flow: Flow<ReadAnswer | void> | undefined
  private kind = READ
  private key = 0
  // Times on the run clock start as NOT_YET, not 0: a field that first holds a small integer and
  // later a fraction changes the hidden class of every slot, and each optimized method using
  // slots is thrown away. queuedAt, first set when the origin's queue first fills (in
  // flash-crowd's surge), did that mid-run.
  private intendedStart = NOT_YET
  private actualStart = NOT_YET
  private command: Command | typeof STRUCTURE_COMMAND = Command.cacheGet
  /** The data-structure operation under way: this slot's own record, drawn into afresh for each. */
  private readonly structure = new PreparedStructureOperation()
  private commandStart = NOT_YET
  private queuedAt = NOT_YET
  /** Whether the queued query's wait counts: decided when it was sent, as the async path's queue observer is. */
  private queueCounted = false
  private commitSize = 0
  /** Values answered to this slot's commands; a strategy keeps them only while its operation lasts. */
  private readonly cached: CachedValue = {version: 0, committedAt: 0, size: 0}
  private readonly served: CachedValue = {version: 0, committedAt: 0, size: 0}
  /** Key and version of every value the origin handed this operation, flattened: pinned in its log until the operation ends. */
  private handedOut = new Float64Array(HANDED_OUT_PAIRS * 2)
  private handedOutLength = 0
  // The parts every command uses, held here: one load each instead of a chain through `parts`.
  private readonly clock: VirtualClock
  private readonly cache: SimulatedCache
  private readonly origin: SimulatedOrigin
  private readonly metrics: RunMetrics
  private readonly counters: RunMetrics['counters']
  /** What a finished operation counts, as the real-target paths count it (open loops: service time too). */
  private readonly records: OperationRecords
  private readonly stepsInPlace: boolean
  /**
   * A background slot's operation slot: the slot whose operation started it, whose measurement
   * state, intended start and pins its commands take, as a flow spawned on the async path uses
   * its slot's steps. Undefined for an operation's own slot.
   */
  private readonly owner: SimulatedSlot | undefined
  /** Background slots of this slot whose flows have ended, kept for the next spawn. */
  private spares: SimulatedSlot[] | undefined
  /** A completion this slot joined is done: it goes on after the event that finished it, as an awaiting promise would. */
  private readonly joined = (): void => this.clock.defer(this.arrive)
  /** The command's time has passed: it takes effect, and the flow goes on. */
  private readonly arrive = (): void => {
    this.complete()
    this.resume()
  }
  /** The origin admitted this slot's queued query. */
  private readonly admitted = (): void => {
    if (this.queueCounted) this.metrics.originQueue.record(this.clock.now() - this.queuedAt)
    if (this.serve()) this.resume()
  }

  constructor(
    private readonly parts: SimulationParts,
    /** Position in the load, from 0. */
    readonly index: number,
    owner?: SimulatedSlot,
  ) {
    this.owner = owner
    this.clock = parts.clock
    this.cache = parts.cache
    this.origin = parts.origin
    this.metrics = parts.metrics
    this.counters = parts.metrics.counters
    this.records = recordsOf(parts)
    // A background flow starts inside another's event, which still has work to do at this time.
    this.stepsInPlace = owner === undefined && parts.stepsInPlace === true
    // Stored a second time, so V8 treats them as changing fields from the first slot on: their
    // first store after construction, late in a run, would again change every slot's hidden class.
    this.queuedAt = NOT_YET
    this.queueCounted = false
  }

  /** Draws and starts the next operation; true when it finished without waiting. */
  start(measured: boolean, intendedStart: number): boolean {
    const {sources, strategy} = this.parts
    this.measured = measured
    this.intendedStart = intendedStart
    this.actualStart = this.clock.now()
    if (measured) this.metrics.timeline?.started(intendedStart)
    const kind = sources.mix.next()
    const io = this.io
    if (kind === 'read') {
      this.kind = READ
      this.key = sources.keys.nextKey()
      this.flow = strategy.read(this.key, io)
    } else if (kind === 'write') {
      this.kind = WRITE
      this.key = sources.keys.nextWriteKey()
      this.flow = strategy.write(this.key, io)
    } else if (kind === 'delete') {
      this.kind = DELETE
      this.key = sources.keys.nextKey()
      this.flow = strategy.delete(this.key, io)
    } else {
      if (sources.prepareStructure === undefined) throw new Error(`the mix drew ${kind}, but the run has no structure operations`)
      this.kind = STRUCTURE
      this.structure.copyFrom(sources.prepareStructure(kind))
      this.flow = undefined
      this.command = STRUCTURE_COMMAND
      this.commandStart = this.actualStart
      if (!this.after(this.cache.commandLatency(), Lane.commands)) return false
    }
    return this.advance()
  }

  originVersion(key: number): number {
    return this.origin.currentVersion(key)
  }

  note(event: BackgroundEvent, count = 1): void {
    if (this.isMeasured()) this.counters[event] += count
  }

  spawn(start: (io: FlowIo) => Flow<void>): void {
    const owner = this.owner ?? this
    const slot = owner.spares?.pop() ?? new SimulatedSlot(this.parts, this.index, owner)
    slot.kind = BACKGROUND
    slot.flow = start(slot.io)
    slot.advance()
  }

  /** Whether what this slot does now counts: its operation's state, or for a background slot its owner's. */
  private isMeasured(): boolean {
    return this.owner === undefined ? this.measured : this.owner.measured
  }

  /** The intended start its counts are binned at: its operation's, or its owner's current one. */
  private binnedAt(): number {
    return this.owner === undefined ? this.intendedStart : this.owner.intendedStart
  }

  private resume(): void {
    if (this.advance() && this.owner === undefined) this.parts.operationDone(this)
  }

  /** Runs the flow until a command has to wait (false) or the operation is over (true). */
  private advance(): boolean {
    if (this.kind === STRUCTURE) {
      // Its one command has taken effect.
      this.finish(undefined)
      return true
    }
    const flow = this.flow as Flow<ReadAnswer | void>
    for (;;) {
      const step = flow.next()
      if (step.done) {
        this.flow = undefined
        this.finish(step.value)
        return true
      }
      if (!this.send(step.value)) return false
    }
  }

  /** Sends a command; true when it has already taken effect. */
  private send(command: Command): boolean {
    const {clock, cache, origin, metrics} = this
    this.command = command
    this.commandStart = clock.now()
    switch (command) {
      case Command.originRead: {
        const key = this.io.key
        const inFlight = metrics.originReadsInFlight
        if (inFlight[key] > 0 && this.isMeasured()) this.counters.duplicateOriginReads++
        inFlight[key]++
        return this.enterOrigin()
      }
      case Command.originWrite:
        this.commitSize = origin.nextWriteSize()
        return this.enterOrigin()
      case Command.originDelete:
        this.commitSize = 0
        return this.enterOrigin()
      case Command.wait:
        return this.after(this.io.waitMs, Lane.waits)
      case Command.join: {
        const completion = this.io.completion!
        if (completion.done) return true
        completion.whenDone(this.joined)
        return false
      }
      default:
        return this.after(cache.commandLatency(), Lane.commands)
    }
  }

  private enterOrigin(): boolean {
    const {origin, metrics, clock} = this
    if (!origin.limiter.enter(this.admitted)) {
      this.queuedAt = clock.now()
      this.queueCounted = this.isMeasured()
      return false
    }
    if (this.isMeasured()) metrics.originQueue.record(0)
    return this.serve()
  }

  /** The origin query has its connection: its service time starts now. */
  private serve(): boolean {
    const origin = this.origin
    return this.after(this.command === Command.originRead ? origin.readServiceTime() : origin.writeServiceTime(), NO_LANE)
  }

  /**
   * The command takes effect `ms` from now: at once (true) when that is no time at all, or when
   * it would be the next event anyway (same order, same times, no heap entry). A cache command
   * takes the cache's latency and a strategy's wait its own fixed delay, each usually one
   * constant, so their events come due in the order they are sent: each kind keeps to a lane of
   * its own (VirtualClock.afterInOrder). Origin queries (drawn latencies) take `NO_LANE`.
   */
  private after(ms: number, lane: Lane | typeof NO_LANE): boolean {
    if (ms > 0 && !(this.stepsInPlace && this.clock.advanceIfNext(ms))) {
      if (lane === NO_LANE) this.clock.after(ms, this.arrive)
      else this.clock.afterInOrder(ms, this.arrive, lane)
      return false
    }
    this.complete()
    return true
  }

  /** What the command does when it arrives, and what it counts (as TimedSteps does on the async path). */
  private complete(): void {
    if (this.command === STRUCTURE_COMMAND) return this.applyStructure()
    const {clock, cache, origin, metrics, counters} = this
    const latency = metrics.latency
    const io = this.io
    const key = io.key
    const measured = this.isMeasured()
    const took = clock.now() - this.commandStart
    switch (this.command) {
      case Command.cacheGet: {
        let value: CachedValue | null
        try {
          value = cache.getNow(key, this.cached)
        } catch (error) {
          // As on the async path: a failed cache is a miss, and the application reads the origin.
          io.value = null
          return this.failed(error)
        }
        io.value = value
        return countGet(metrics, key, value, took, measured)
      }
      case Command.cacheSet: {
        const value = io.setValue as CachedValue
        try {
          cache.setNow(key, value, io.ttlMs)
        } catch (error) {
          return this.failed(error)
        }
        return countSet(metrics, origin, key, value.version, took, measured)
      }
      case Command.cacheDelete:
        try {
          cache.deleteNow(key)
        } catch (error) {
          return this.failed(error)
        }
        return countDelete(metrics, key, took, measured)
      case Command.originRead:
        io.value = origin.completeRead(key, this.served)
        metrics.originReadsInFlight[key]--
        this.handOut(key, this.served.version)
        if (measured) {
          latency['origin.read'].record(took)
          counters.originReads++
          metrics.timeline?.originRead(this.binnedAt())
        }
        return
      case Command.originWrite:
      case Command.originDelete:
        io.value = origin.completeCommit(key, this.commitSize, this.served)
        this.handOut(key, this.served.version)
        if (measured) {
          latency['origin.write'].record(took)
          counters.originWrites++
        }
        return
      case Command.leaseGet: {
        let answer: LeaseGetAnswer
        try {
          answer = cache.leaseGetNow(key)
        } catch (error) {
          // As with a failed get: read the origin; token 0 is never issued, so the fill is refused.
          io.lease = FAILED_LEASE
          return this.failed(error)
        }
        io.lease = answer
        return countLeaseGet(metrics, key, answer, took, measured)
      }
      case Command.leaseSet: {
        const value = io.setValue as CachedValue
        let stored: boolean
        try {
          stored = cache.leaseSetNow(key, value, io.ttlMs, io.token)
        } catch (error) {
          io.stored = false
          return this.failed(error)
        }
        io.stored = stored
        return countLeaseSet(metrics, origin, key, value.version, stored, took, measured)
      }
    }
  }

  /** The data-structure command arrives: it takes effect, counted as the async path's structure operations count it. */
  private applyStructure(): void {
    const operation = this.structure
    let reply: unknown
    try {
      reply = operation.drawnBy!.apply!(operation)
    } catch (error) {
      if (this.measured) countStructureError(this.metrics, operation.kind, error, this.intendedStart)
      return
    }
    if (this.measured) countStructureReply(this.metrics, operation.kind, reply, this.clock.now() - this.intendedStart)
  }

  /** A cache command failed: counted as TimedSteps counts it. */
  private failed(error: unknown): void {
    if (this.isMeasured()) this.metrics.noteError(error, this.binnedAt())
  }

  /** Pins are released when the operation ends: the key and version are kept until then. */
  private handOut(key: number, version: number): void {
    if (this.owner !== undefined) return this.owner.handOut(key, version)
    if (this.handedOutLength === this.handedOut.length) {
      const grown = new Float64Array(this.handedOut.length * 2)
      grown.set(this.handedOut)
      this.handedOut = grown
    }
    this.handedOut[this.handedOutLength++] = key
    this.handedOut[this.handedOutLength++] = version
  }

  /** The operation is over: the values it was handed need no longer be kept in the origin's log for its sake. */
  private release(): void {
    const {log} = this.origin
    const handedOut = this.handedOut
    const length = this.handedOutLength
    for (let index = 0; index < length; index += 2) log.unpin(handedOut[index], handedOut[index + 1])
    this.handedOutLength = 0
  }

  /** The operation is over: its latency, and for a read hit or miss and fresh or stale. */
  private finish(answer: ReadAnswer | void): void {
    if (this.owner !== undefined) {
      // Its values are pinned with its owner's operation; the slot waits for the next spawn.
      ;(this.owner.spares ??= []).push(this)
      return
    }
    if (this.measured) this.record(answer)
    // Where the async operation runner releases its steps: after the read's staleness was judged.
    this.release()
  }

  private record(answer: ReadAnswer | void): void {
    const {records, intendedStart} = this
    if (this.kind === READ) records.read(this.key, answer as ReadAnswer, this.actualStart, intendedStart)
    else if (this.kind === WRITE) records.change('write', this.actualStart, intendedStart)
    else if (this.kind === DELETE) records.change('delete', this.actualStart, intendedStart)
    this.counters.operations++
    this.metrics.timeline?.operation(intendedStart)
  }

}
