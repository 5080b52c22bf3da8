import {performance} from 'node:perf_hooks'
import {Worker} from 'node:worker_threads'
import {TimerHeap} from './timer-heap.js'

/**
 * Sub-millisecond wake-ups that cost no CPU while waiting, for every sleeper of a thread at once.
 *
 * Node's own timers fire on a 1 ms grid (libuv keeps loop time in whole milliseconds), so a
 * 0.2 ms database latency can only be honoured by polling with setImmediate, which keeps a core
 * busy and, on a machine shared with the server under test, slows the very server being
 * measured. Here one helper thread blocks in Atomics.wait — a futex with a nanosecond timeout —
 * until just before the earliest deadline and then posts one message, which wakes the event loop like any
 * I/O; every sleeper due by then is resolved in that one turn.
 */

// The helper is plain JavaScript evaluated as a CommonJS worker, so it runs the same from the
// compiled dist/ and from the TypeScript sources under test. Slot 0 of `control` counts re-arms;
// `deadline` holds the armed deadline on the hrtime scale (ms), Infinity when idle; `looksBy`
// says when (µs on the hrtime scale) the helper will next read the deadline of its own accord.
//
// After each wake-up the helper lingers for LINGER_MS before going idle: a sleeper that re-arms
// for a later time within it (the open-loop dispatcher does, every turn) is seen without a
// notify. Waking a thread from the event loop costs a futex syscall and, on a busy core, often
// hands the core to the woken thread: profiles showed 0.3 s a run spent in that notify.
const HELPER = `
const {workerData, parentPort} = require('node:worker_threads')
const control = new Int32Array(workerData.control)
const deadline = new Float64Array(workerData.deadline)
const looksBy = new BigInt64Array(workerData.looksBy)
const NEVER = 0x7fffffffffffffffn
const now = () => Number(process.hrtime.bigint()) / 1e6
let fired = -1
for (;;) {
  const armed = Atomics.load(control, 0)
  const at = now()
  let until = deadline[0]
  if (until <= at) {
    if (fired !== armed) {
      fired = armed
      parentPort.postMessage(armed)
      until = at + workerData.lingerMs
    } else until = Infinity
  }
  Atomics.store(looksBy, 0, Number.isFinite(until) ? BigInt(Math.ceil(until * 1000)) : NEVER)
  if (Atomics.load(control, 0) !== armed) continue
  Atomics.wait(control, 0, armed, Number.isFinite(until) ? Math.max(until - now(), 0) : undefined)
}
`

/**
 * Long enough for the loop to run the woken sleepers and re-arm (tens of µs), short enough that
 * the helper idles soon after the last sleeper; below the open-loop dispatcher's quantum, so its
 * next turn is never behind the helper's linger.
 */
const LINGER_MS = 0.3

const hrtimeMs = (): number => Number(process.hrtime.bigint()) / 1e6

/**
 * The helper wakes the loop this long before a deadline, and the last stretch is polled with
 * setImmediate (one poll for all sleepers): a futex timeout can fire up to Linux's default timer
 * slack of 50 µs late, and a thread woken from sleep needs a moment more to run, while polling
 * hits the deadline within one loop turn. When deadlines are denser than this, the loop polls.
 */
const SPIN_MS = 0.25

class TimerThread {
  private readonly heap = new TimerHeap()
  /** Sleepers that accept the helper's own lateness (tens of µs) rather than a poll at the end. */
  private readonly loose = new TimerHeap()
  private readonly control = new Int32Array(new SharedArrayBuffer(4))
  private readonly deadline = new Float64Array(new SharedArrayBuffer(8))
  private readonly looksBy = new BigInt64Array(new SharedArrayBuffer(8))
  /** hrtime (ms) minus performance.now(): both count the same monotonic clock, from different zeros. */
  private readonly hrtimeOffset = hrtimeMs() - performance.now()
  private readonly worker: Worker
  /** When the helper (or, in coarse mode, a Node timer) will wake the loop; Infinity if it will not. */
  private wakeAt = Infinity
  private polling = false
  /** Set if the helper thread could not run: sleeps then fall back to Node's 1 ms timers, late but never lost. */
  private coarse = false

  constructor() {
    this.deadline[0] = Infinity
    this.looksBy[0] = 0x7fffffffffffffffn
    this.worker = new Worker(HELPER, {
      eval: true,
      workerData: {control: this.control.buffer, deadline: this.deadline.buffer, looksBy: this.looksBy.buffer, lingerMs: LINGER_MS},
    })
    this.worker.on('message', () => this.woken())
    this.worker.on('error', () => this.fallBack())
    this.worker.on('exit', () => this.fallBack())
    // Unref'd while nobody sleeps, so an idle timer never keeps the process alive.
    this.worker.unref()
  }

  /** Resolves `resolve` at `at` on the performance.now() scale. */
  schedule(at: number, resolve: () => void): void {
    if (this.waiting() === 0) this.worker.ref()
    this.heap.push(at, resolve)
    this.plan()
  }

  /** As `schedule`, but woken by the helper alone, never polled for: no CPU at all while waiting. */
  scheduleLoosely(at: number, resolve: () => void): void {
    if (this.waiting() === 0) this.worker.ref()
    this.loose.push(at, resolve)
    this.plan()
  }

  private waiting(): number {
    return this.heap.size + this.loose.size
  }

  private woken(): void {
    this.wakeAt = Infinity
    this.fireDue()
  }

  private readonly poll = (): void => {
    this.polling = false
    this.fireDue()
  }

  private fireDue(): void {
    const now = performance.now()
    while (this.heap.size > 0 && this.heap.peekTime() <= now) this.heap.pop()()
    while (this.loose.size > 0 && this.loose.peekTime() <= now) this.loose.pop()()
    if (this.waiting() === 0) this.worker.unref()
    this.plan()
  }

  /** Polls if the next precise deadline is close, else makes sure something wakes the loop before it. */
  private plan(): void {
    if (this.polling || this.waiting() === 0) return
    const next = this.heap.peekTime()
    if (next - performance.now() <= SPIN_MS) {
      this.polling = true
      setImmediate(this.poll)
      return
    }
    const wake = Math.min(next - SPIN_MS, this.loose.peekTime())
    if (wake < this.wakeAt) this.arm(wake)
  }

  private arm(at: number): void {
    this.wakeAt = at
    if (this.coarse) {
      setTimeout(() => this.woken(), at - performance.now())
      return
    }
    const deadline = at + this.hrtimeOffset
    this.deadline[0] = deadline
    Atomics.add(this.control, 0, 1)
    // Sequentially consistent with the helper's store of looksBy before it re-reads `control`:
    // either it sees this arm by itself, or this load sees when it would look and wakes it.
    if (Number(Atomics.load(this.looksBy, 0)) / 1000 > deadline) Atomics.notify(this.control, 0)
  }

  private fallBack(): void {
    if (this.coarse) return
    this.coarse = true
    this.wakeAt = Infinity
    this.plan()
  }
}

let shared: TimerThread | undefined

/** Starts the helper thread now, so that its start-up (a few ms) delays no sleep. */
export function warmUpTimer(): void {
  shared ??= new TimerThread()
}

/**
 * Calls `resolve` once performance.now() has passed `at`, as soon as the helper thread wakes:
 * typically tens of µs late (the futex's timer slack and a thread wake-up), never early, and
 * without polling, so a waiter that tolerates that lateness costs no CPU while it waits.
 */
export function wakeLooselyAt(at: number, resolve: () => void): void {
  warmUpTimer()
  shared!.scheduleLoosely(at, resolve)
}

/** Calls `resolve` once performance.now() has reached `at`, without polling until the very end. */
export function wakeAt(at: number, resolve: () => void): void {
  warmUpTimer()
  shared!.schedule(at, resolve)
}
