import {MessageChannel, receiveMessageOnPort, type MessagePort, type Worker} from 'node:worker_threads'
import {CacheBenchError, ExitCode, InputError, InternalError, TargetError, type ExitCodeValue} from '../../errors.js'
import {startWorkerBeside} from '../../threads/worker-beside.js'
import {CurrentRequest, type RequestStream, type TraceInput, type TraceLosses} from '../trace-requests.js'
import type {ReaderMessage} from './reader-messages.js'
import {BATCH, batchSlot, CAPACITY, CONSUMED, COUNT_MASK, FAILED, HEARTBEAT, OPERATIONS, PUBLISHED, requestRing, RUNNING, STATE, STOP, type RequestRing} from './request-ring.js'

/** A reader that has not moved for this long while the replay waits on it is taken for dead. */
const SILENCE_MS = 60_000
const WAIT_SLICE_MS = 100

/**
 * A trace's requests parsed on a thread of their own, a ring of batches ahead of the replay:
 * parsing (a third of a CSV replay's time) then overlaps the simulation instead of adding to it.
 * The replay reads the same requests, in the same order, with the same key ids, losses and
 * errors as from a reader on its own thread — a malformed record fails the replay when the
 * replay reaches it, after every request before it.
 */
export class ReadAheadRequests extends CurrentRequest implements RequestStream {
  private readonly ring: RequestRing
  private readonly worker: Worker
  private readonly port: MessagePort
  /** Records handed out, and records the reader has published (absolute counts). */
  private consumed = 0
  private available = 0
  private ended = false
  /** Losses as of some count of records read (sent a batch at a time), oldest first; the last applied is `lossesNow`. */
  private readonly lossUpdates: Extract<ReaderMessage, {kind: 'losses'}>[] = []
  private lossesNow: TraceLosses = {skippedByCommand: {}, badRecords: 0, lost: 0}
  private finalKeys = 0
  private failure: Extract<ReaderMessage, {kind: 'failed'}> | undefined
  /** Repeats of the current request not yet handed out: the reader passes them as a count. */
  private repeatsLeft = 0

  constructor(input: TraceInput) {
    super(input.file)
    this.ring = requestRing()
    const {port1, port2} = new MessageChannel()
    this.port = port1
    this.worker = startWorkerBeside(import.meta.url, './read-ahead-worker', {buffer: this.ring.buffer, input, port: port2}, [port2])
    // The replay waits on the ring, not on the event loop: the thread must not hold the process open.
    this.worker.unref()
    this.worker.on('error', () => {})
  }

  get losses(): TraceLosses {
    this.receive()
    // Updates that cover records not yet handed out wait, unless the trace is over.
    const upTo = this.ended ? Number.POSITIVE_INFINITY : Math.ceil(this.consumed / BATCH) * BATCH
    while (this.lossUpdates.length > 0 && this.lossUpdates[0].upTo <= upTo) this.lossesNow = this.lossUpdates.shift()!.losses
    return this.lossesNow
  }

  keyCount(): number {
    if (this.ended) return this.finalKeys
    return this.consumed === 0 ? 0 : this.ring.keysAfter[(this.consumed - 1) & (CAPACITY - 1)]
  }

  next(): boolean {
    if (this.repeatsLeft > 0) {
      this.repeatsLeft--
      this.walked()
      return true
    }
    if (this.consumed === this.available && !this.waitForMore()) return false
    const index = this.consumed
    const ring = this.ring
    // Moving into a new batch hands the one before back to the reader.
    if ((index & (BATCH - 1)) === 0 && index > 0) {
      Atomics.store(ring.control, CONSUMED, index & COUNT_MASK)
      Atomics.notify(ring.control, CONSUMED)
    }
    const slot = index & (CAPACITY - 1)
    this.keyId = ring.keyIds[slot]
    this.operation = OPERATIONS[ring.operations[slot]]
    this.valueBytes = ring.valueBytes[slot]
    this.keyBytes = ring.keyBytes[slot]
    this.timeMs = ring.timeMs[slot]
    this.ttlSeconds = ring.ttlSeconds[slot]
    this.repeatsLeft = ring.repeats[slot]
    this.consumed = index + 1
    this.walked()
    return true
  }

  skipRepeats(): number {
    const skipped = this.repeatsLeft
    this.repeatsLeft = 0
    return skipped
  }

  fractionRead(): number {
    return this.consumed === 0 ? 0 : this.ring.batchFraction[batchSlot(this.consumed - 1)]
  }

  close(): void {
    const control = this.ring.control
    Atomics.store(control, STOP, 1)
    Atomics.notify(control, CONSUMED)
    this.port.close()
    void this.worker.terminate().catch(() => {})
  }

  /** Waits until the reader has published more (true) or has ended (false; throws what it failed with). */
  private waitForMore(): boolean {
    if (this.ended) return false
    const control = this.ring.control
    let beat = Atomics.load(control, HEARTBEAT)
    let silentSince = performance.now()
    for (;;) {
      const published = Atomics.load(control, PUBLISHED)
      if (published !== (this.available & COUNT_MASK)) {
        this.available += (published - this.available) & COUNT_MASK
        return true
      }
      const state = Atomics.load(control, STATE)
      if (state !== RUNNING) {
        // The reader publishes its last records before its state: look once more.
        if (Atomics.load(control, PUBLISHED) !== published) continue
        return this.settle(state)
      }
      Atomics.wait(control, PUBLISHED, published, WAIT_SLICE_MS)
      const now = performance.now()
      const beatNow = Atomics.load(control, HEARTBEAT)
      if (beatNow !== beat) {
        beat = beatNow
        silentSince = now
      } else if (now - silentSince > SILENCE_MS) throw new InternalError(`the thread reading the trace stopped without a word for ${SILENCE_MS / 1000} s.`)
    }
  }

  /** The reader is done: the end of the trace, or what it failed with. */
  private settle(state: number): false {
    this.ended = true
    this.receive()
    if (state === FAILED) {
      const failure = this.failure!
      if (failure.exitCode !== null) throw sameKindOfError(failure.message, failure.exitCode as ExitCodeValue)
      throw new InternalError(`reading the trace failed: ${failure.message}`, Object.assign(new Error(failure.message), {stack: failure.stack}))
    }
    return false
  }

  /** Takes what the reader has said so far off the port, without waiting. */
  private receive(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.port)
      if (received === undefined) return
      const message = received.message as ReaderMessage
      if (message.kind === 'failed') this.failure = message
      else {
        this.lossUpdates.push(message)
        if (message.end) this.finalKeys = message.keys
      }
    }
  }
}

/** The reader's error as the class it was thrown as on its thread (what callers test with instanceof), known by its exit code. */
function sameKindOfError(message: string, exitCode: ExitCodeValue): CacheBenchError {
  if (exitCode === ExitCode.badInput) return new InputError(message)
  if (exitCode === ExitCode.targetFailed) return new TargetError(message)
  return new CacheBenchError(message, exitCode)
}
