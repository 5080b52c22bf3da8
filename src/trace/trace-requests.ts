import {asSentence, InputError} from '../errors.js'
import {formatLimit, MAX_OPERATIONS} from '../workload/limits.js'
import {traceFormat} from './formats/registry.js'
import {KeyIds} from './key-ids.js'
import type {TraceReader} from './trace-format.js'
import {BadRecord, checkSizes, emptyRecord, type TraceOperation, type TraceRecord} from './trace-record.js'

/** Where a trace is and how to read it. */
export interface TraceInput {
  file: string
  format: string
  /** Malformed records tolerated (and counted) before the trace is refused. */
  skipBadRecords: number
}

/** What reading a trace passed over: the result reports it. */
export interface TraceLosses {
  /** Requests of commands a replay does not map (touch, stats, …), by command name. */
  skippedByCommand: Record<string, number>
  /** Malformed records tolerated under skipBadRecords. */
  badRecords: number
  /** Requests the capture itself lost (memcached `skipped=N`). */
  lost: number
}

/**
 * A trace's replayable requests, one at a time, synchronously: what a replay, `trace stats` and
 * a trace's miss-ratio curve walk. The current request's fields are plain properties.
 */
export interface RequestStream {
  readonly keyId: number
  readonly operation: TraceOperation
  readonly valueBytes: number
  readonly keyBytes: number
  /** Arrival in the trace's ms, NaN when the format has none. */
  readonly timeMs: number
  readonly ttlSeconds: number
  /** What reading passed over so far (skipped commands, tolerated bad records, the capture's own losses). */
  readonly losses: TraceLosses
  /** Distinct keys read so far. */
  keyCount(): number
  /** Moves to the next request; false at the end of the trace. */
  next(): boolean
  /**
   * Passes over what is left of the current request's repeats (`op_count`), as next() would one
   * by one: how many, each a request read, in one step however many there are.
   */
  skipRepeats(): number
  /** Share of the trace file read so far, 0..1. */
  fractionRead(): number
  close(): void
}

/** The fields of a stream's current request, before the first. */
export abstract class CurrentRequest {
  /** Requests handed out one by one by next(), repeats included; those passed over by skipRepeats are not. */
  private walkedCount = 0
  keyId = 0
  operation: TraceOperation = 'read'
  valueBytes = 0
  keyBytes = 0
  timeMs = Number.NaN
  ttlSeconds = 0

  /** `traceFile`: the trace, for the refusal in walked(). */
  constructor(private readonly traceFile: string) {}

  /**
   * Counts a request handed out. A replay, a miss-ratio curve and a plan walk requests one at a
   * time: past what a run may have, a trace of a few lines with op_counts in the billions (or a
   * file of tens of billions of lines) would run for hours, so it is refused. Statistics pass
   * repeats over with skipRepeats and are not held to it.
   */
  protected walked(): void {
    if (++this.walkedCount > MAX_OPERATIONS) {
      throw new InputError(
        `${this.traceFile}: the trace holds more than ${formatLimit(MAX_OPERATIONS)} requests (repeats such as op_count counted), more than a run may have; replay a part of it (--operations or --duration).`,
      )
    }
  }
}

/**
 * The replayable requests of a trace, one at a time, synchronously: reads, writes and deletes
 * with dense key ids, `op_count` repeats expanded, skipped commands and tolerated bad records
 * counted. Fields of the current request are plain properties, to spare an object per request.
 */
export class TraceRequests extends CurrentRequest implements RequestStream {
  readonly losses: TraceLosses = {skippedByCommand: Object.create(null) as Record<string, number>, badRecords: 0, lost: 0}
  private readonly reader: TraceReader
  private readonly record: TraceRecord = emptyRecord()
  private repeatsLeft = 0

  constructor(
    private readonly input: TraceInput,
    readonly keys: KeyIds = new KeyIds(),
  ) {
    super(input.file)
    this.reader = traceFormat(input.format).open(input.file, keys)
  }

  /** Moves to the next request; false at the end of the trace. */
  next(): boolean {
    if (this.repeatsLeft > 0) {
      this.repeatsLeft--
      this.walked()
      return true
    }
    const record = this.record
    for (;;) {
      if (!this.readRecord()) {
        this.losses.lost = this.reader.lost()
        return false
      }
      if (record.operation === null) {
        const skipped = this.losses.skippedByCommand
        // Own names only (the table has no prototype): a command named "constructor" counts as itself.
        skipped[record.command] = (Object.hasOwn(skipped, record.command) ? skipped[record.command] : 0) + record.repeat
        continue
      }
      this.keyId = record.keyId >= 0 ? record.keyId : this.keys.idOf(record.key)
      this.operation = record.operation
      this.valueBytes = record.valueBytes
      this.keyBytes = record.keyBytes
      this.timeMs = record.timeMs
      this.ttlSeconds = record.ttlSeconds
      this.repeatsLeft = record.repeat - 1
      this.walked()
      return true
    }
  }

  skipRepeats(): number {
    const skipped = this.repeatsLeft
    this.repeatsLeft = 0
    return skipped
  }

  keyCount(): number {
    return this.keys.size
  }

  /** Share of the trace file read so far, 0..1. */
  fractionRead(): number {
    return this.reader.fractionRead()
  }

  close(): void {
    this.reader.close()
  }

  private readRecord(): boolean {
    for (;;) {
      try {
        if (!this.reader.next(this.record)) return false
        checkSizes(this.record)
        return true
      } catch (error) {
        if (!(error instanceof BadRecord)) throw error
        this.losses.badRecords++
        if (this.losses.badRecords > this.input.skipBadRecords) {
          const tolerance = this.input.skipBadRecords > 0 ? ` (more than the ${this.input.skipBadRecords} --skip-bad-records allows)` : ''
          throw new InputError(asSentence(`${this.reader.position()}: malformed ${this.input.format} record${tolerance}: ${error.message}`))
        }
      }
    }
  }
}

/** One request of a trace's stream, for the capacity tools (mrc, plan). */
export interface TraceRequest {
  keyId: number
  /** Value size in bytes. */
  size: number
  operation: TraceOperation
}

/** The trace's request stream — key id, size, operation — for tools that walk it once. */
export function* traceRequests(input: TraceInput): Generator<TraceRequest> {
  const requests = new TraceRequests(input)
  try {
    while (requests.next()) yield {keyId: requests.keyId, size: requests.valueBytes, operation: requests.operation}
  } finally {
    requests.close()
  }
}
