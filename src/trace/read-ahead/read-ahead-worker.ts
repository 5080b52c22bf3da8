import {workerData, type MessagePort} from 'node:worker_threads'
import {CacheBenchError} from '../../errors.js'
import {TraceRequests, type TraceInput} from '../trace-requests.js'
import {BATCH, batchSlot, CAPACITY, CONSUMED, COUNT_MASK, ENDED, FAILED, HEARTBEAT, OPERATIONS, PUBLISHED, requestRing, STATE, STOP} from './request-ring.js'
import type {ReaderMessage} from './reader-messages.js'

/**
 * The reading thread: parses the trace into the ring a batch at a time, as far ahead of the
 * replay as the ring has room, and says how it ended on the port (the replaying side receives
 * it synchronously once it has drained the ring).
 */
const {buffer, input, port} = workerData as {buffer: SharedArrayBuffer; input: TraceInput; port: MessagePort}
const ring = requestRing(buffer)
const {control} = ring
const operationCodes = new Map<string, number>(OPERATIONS.map((name, code) => [name, code]))
/** Records published so far (the ring's counter holds it modulo 2^31). */
let published = 0

const post = (message: ReaderMessage): void => port.postMessage(message)

function publish(count: number, requests: TraceRequests | undefined, state: number): void {
  if (count > 0 && requests !== undefined) {
    const header = batchSlot(published + count - 1)
    ring.batchFraction[header] = requests.fractionRead()
  }
  published += count
  Atomics.store(control, PUBLISHED, published & COUNT_MASK)
  if (state !== 0) Atomics.store(control, STATE, state)
  Atomics.add(control, HEARTBEAT, 1)
  Atomics.notify(control, PUBLISHED)
}

/** Waits until the ring has room for a batch; false when the replay needs no more. */
function waitForRoom(): boolean {
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) return false
    const consumed = Atomics.load(control, CONSUMED)
    if (((published - consumed) & COUNT_MASK) <= CAPACITY - BATCH) return true
    Atomics.wait(control, CONSUMED, consumed, 1000)
  }
}

let requests: TraceRequests | undefined
let pending = 0
try {
  requests = new TraceRequests(input)
  let lossesSent = JSON.stringify(requests.losses)
  for (let more = true; more; ) {
    if (!waitForRoom()) break
    pending = 0
    while (pending < BATCH && (more = requests.next())) {
      const slot = (published + pending) & (CAPACITY - 1)
      ring.keyIds[slot] = requests.keyId
      ring.operations[slot] = operationCodes.get(requests.operation)!
      ring.valueBytes[slot] = requests.valueBytes
      ring.keyBytes[slot] = requests.keyBytes
      ring.timeMs[slot] = requests.timeMs
      ring.ttlSeconds[slot] = requests.ttlSeconds
      ring.repeats[slot] = requests.skipRepeats()
      ring.keysAfter[slot] = requests.keyCount()
      pending++
    }
    // Losses change rarely: sent when they did, tagged with the records they cover.
    const losses = JSON.stringify(requests.losses)
    if (losses !== lossesSent || !more) {
      post({kind: 'losses', upTo: published + pending, losses: requests.losses, keys: requests.keyCount(), end: !more})
      lossesSent = losses
    }
    publish(pending, requests, more ? 0 : ENDED)
    pending = 0
  }
} catch (error) {
  const known = error instanceof CacheBenchError
  post({kind: 'failed', message: (error as Error).message, exitCode: known ? error.exitCode : null, stack: (error as Error).stack})
  // The requests read before the one that failed are replayed first, as a reader in the same thread would hand them out.
  publish(pending, requests, FAILED)
} finally {
  requests?.close()
  port.close()
}
