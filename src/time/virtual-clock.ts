import type {Clock} from './clock.js'
import {CallbackQueue} from './callback-queue.js'
import {Lane, TimerQueue} from './timer-queue.js'

const RESOLVED = Promise.resolve()
/** Most steps `advanceIfNext` takes in place of events per `runEvents` call, so a run still yields its turn. */
const MAX_STEPS_IN_PLACE = 65_536

/**
 * Discrete-event time for the builtin target: sleeping costs no wall time, and the run is
 * deterministic for a seed at any concurrency, because the order of events depends only on
 * simulated times, never on how busy the machine is.
 *
 * Events run one at a time, in (time, scheduling order): each runs its work up to the point
 * where it waits again before the next begins. The simulation core runs them synchronously
 * (`runEvents`); async work on this clock is driven by `drive`, which gives every event a turn
 * of its own, so both see the same order and produce the same figures.
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual'
  private current = 0
  private readonly timers = new TimerQueue()
  /**
   * Events due at the current time, pushed while time stood there (hand-offs, and a timer that
   * adds no time): first in, first out. Every heap timer due now was pushed before time reached
   * here, so it runs before these, which is the heap's (time, sequence) order without a heap
   * entry for the commonest case, a slot handing its turn on to others due at the same instant.
   */
  private readonly dueNow = new CallbackQueue()
  private pendingTicks = 0
  private stepsInPlace = 0
  /** Callbacks to run once the current event's callback has returned (`defer`), in order. */
  private deferred: Array<() => void> = []

  now(): number {
    return this.current
  }

  /**
   * A macrotask turn, so timers and signals (Ctrl-C) get a chance even in a run whose operations
   * take no simulated time and would otherwise run as one long chain of microtasks.
   */
  tick(): Promise<void> {
    this.pendingTicks++
    return new Promise((resolve) =>
      setImmediate(() => {
        this.pendingTicks--
        resolve()
      }),
    )
  }

  sleep(ms: number): Promise<void> {
    if (!(ms > 0)) return RESOLVED
    return new Promise((resolve) => this.push(this.current + ms, resolve))
  }

  /** Simulated time is exact at no cost: there is nothing to trade for lateness. */
  sleepAtLeast(ms: number): Promise<void> {
    return this.sleep(ms)
  }

  /** Calls `callback` once `ms` (> 0) has passed; the simulation core's sleep, with no promise. */
  after(ms: number, callback: () => void): void {
    this.push(this.current + ms, callback)
  }

  /**
   * As `after`, for a caller whose delays in `lane` are mostly one constant (a cache's command latency, a flush delay):
   * its events come due in the order it schedules them, so they queue without a heap entry
   * (TimerQueue). The order of events is the same as with `after`.
   */
  afterInOrder(ms: number, callback: () => void, lane: Lane = Lane.commands): void {
    const time = this.current + ms
    if (time > this.current) this.timers.pushInOrder(time, callback, lane)
    else this.dueNow.push(callback)
  }

  /** A time that rounds to now (a tiny `ms` on a large clock) queues as due now: it was pushed after every heap timer due now. */
  private push(time: number, callback: () => void): void {
    if (time > this.current) this.timers.push(time, callback)
    else this.dueNow.push(callback)
  }

  /**
   * Moves time on by `ms` (> 0) when no other event is due by then, and says so: the caller's
   * step, had it been scheduled with `after`, would have been the very next event to run, so it
   * may run in place, with no event (a lone slot, a trace replayed back to back). Only for a
   * caller with nothing left to do in the event it runs in but to wait.
   */
  advanceIfNext(ms: number): boolean {
    const time = this.current + ms
    if (this.timers.peekTime() <= time || this.dueNow.size > 0 || this.stepsInPlace >= MAX_STEPS_IN_PLACE || this.deferred.length > 0) {
      return false
    }
    this.stepsInPlace++
    this.current = time
    return true
  }

  /**
   * Runs `callback` at this time right after the event now running returns, before any other
   * event: where the async path would continue in a microtask of the same turn (a promise
   * another flow resolved), not as an event of its own.
   */
  defer(callback: () => void): void {
    this.deferred.push(callback)
  }

  handOff(resume: () => void): void {
    this.dueNow.push(resume)
  }

  othersDueNow(): boolean {
    return this.dueNow.size > 0 || this.timers.peekTime() === this.current
  }

  /**
   * Whether a loop whose step just ended at this instant, with nothing left to do in the event it
   * runs in but to start its next step, may start it in place: no other event is due now
   * (othersDueNow), and the steps taken in place since `runEvents` began are within
   * MAX_STEPS_IN_PLACE, as for `advanceIfNext`. The bound matters where steps take no simulated
   * time and nothing else is due (one slot, zero latencies): such a loop would otherwise run the
   * whole load inside one event, with no turn for progress lines or Ctrl-C. Handing off instead
   * changes no order: with nothing else due, the hand-off is the next event to run.
   */
  continueInPlace(): boolean {
    if (this.othersDueNow() || this.stepsInPlace >= MAX_STEPS_IN_PLACE) return false
    this.stepsInPlace++
    return true
  }

  /** Events not yet run. */
  get pending(): number {
    return this.timers.size + this.dueNow.size
  }

  /** Runs up to `limit` events synchronously (fewer once MAX_STEPS_IN_PLACE steps ran in place), advancing time to each; returns how many ran. */
  runEvents(limit: number): number {
    const timers = this.timers
    this.stepsInPlace = 0
    let ran = 0
    while (ran < limit) {
      const next = timers.peekTime()
      if (next === this.current) timers.pop()()
      else if (this.dueNow.size > 0) this.dueNow.shift()()
      else if (next === Infinity) break
      else {
        this.current = next
        timers.pop()()
      }
      if (this.deferred.length > 0) this.runDeferred()
      ran++
      // The steps taken in place count as events too: their budget spent, the caller yields its turn.
      if (this.stepsInPlace >= MAX_STEPS_IN_PLACE) break
    }
    return ran
  }

  private runDeferred(): void {
    // Callbacks may defer others: those run in turn, still before the next event.
    try {
      for (let index = 0; index < this.deferred.length; index++) this.deferred[index]()
    } finally {
      this.deferred = []
    }
  }

  /**
   * Advances time until no task waits on a timer. Each event gets a macrotask turn of its own,
   * which lets the promise chain it woke run to its next sleep before the next event runs.
   */
  async drive(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      // A task yielding for a turn has not yet said what it waits for: time must not move on.
      if (this.pendingTicks > 0) continue
      if (this.pending === 0) return
      this.runEvents(1)
    }
  }
}
