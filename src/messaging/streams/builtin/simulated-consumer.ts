import type {LatencyModel} from '../../../generators/latency-model.js'
import type {Clock} from '../../../time/clock.js'
import {VirtualClock} from '../../../time/virtual-clock.js'
import type {SimulatedEntry} from './simulated-stream.js'
import type {BlockedReader, SimulatedStreamServer} from './simulated-stream-server.js'

/** Runs a step `ms` from now on the simulated clock. */
export interface Scheduler {
  after(ms: number, step: () => void): void
}

/** The clock's own timer queue on simulated time (a step runs as an event of its own); a sleep otherwise. */
export function schedulerOf(clock: Clock): Scheduler {
  if (clock instanceof VirtualClock) return {after: (ms, step) => (ms > 0 ? clock.after(ms, step) : clock.handOff(step))}
  return {after: (ms, step) => void clock.sleep(ms).then(step)}
}

export interface SimulatedConsumerHooks {
  receive(stream: number, entry: SimulatedEntry): void
  acknowledged(count: number): void
}

interface Handed {
  stream: number
  numbers: number[]
  entries: SimulatedEntry[]
}

/**
 * A consumer in simulated time doing what the Redis one does: XREADGROUP (its own pending
 * entries first after every connect, then `>`, blocking when nothing is new), receipt, XACK,
 * again. Every command is one draw of the latency model, a round trip: half of it to reach the
 * server, where it takes effect, half for the reply. A dropped connection loses the commands in
 * flight (a reply the server sent is never received; its entries stay pending); a blocked read
 * waits for data, without the re-issue a BLOCK timeout makes on a real server.
 */
export class SimulatedConsumer implements BlockedReader {
  private epoch = 0
  private connected = false
  /** The reply half of the blocked read's round trip. */
  private replyMs = 0

  constructor(
    private readonly server: SimulatedStreamServer,
    readonly group: number,
    readonly consumer: number,
    private readonly scheduler: Scheduler,
    private readonly latency: LatencyModel,
    private readonly hooks: SimulatedConsumerHooks,
  ) {}

  connect(): void {
    if (this.connected) return
    this.connected = true
    this.epoch++
    this.readPending()
  }

  /** Connected before the run began: already waiting at the server for new entries, with nothing pending. */
  connectWaiting(): void {
    if (this.connected) return
    this.connected = true
    this.epoch++
    this.replyMs = this.latency.sample() / 2
    this.server.readNew(this.group, this)
  }

  disconnect(): void {
    if (!this.connected) return
    this.connected = false
    this.epoch++
    this.server.unblock(this.group, this)
  }

  wake(stream: number, entries: SimulatedEntry[]): void {
    const handed = [{stream, numbers: entries.map((entry) => entry.number), entries}]
    this.later(this.replyMs, () => this.received(handed))
  }

  private readPending(): void {
    const half = this.latency.sample() / 2
    this.later(half, () => {
      const handed = this.server.streams.map((stream, index) => {
        const mine = stream.readPending(this.group, this.consumer)
        return {stream: index, numbers: mine.map((item) => item.number), entries: mine.flatMap((item) => (item.entry ? [item.entry] : []))}
      })
      this.later(half, () => this.received(handed.filter((part) => part.numbers.length > 0)))
    })
  }

  private readNew(): void {
    const half = this.latency.sample() / 2
    this.later(half, () => {
      const handed = this.server.readNew(this.group, this)
      if (handed.length === 0) this.replyMs = half
      else this.later(half, () => this.received(handed.map((part) => ({...part, numbers: part.entries.map((entry) => entry.number)}))))
    })
  }

  /** Receipt, then XACK of every entry handed (a trimmed pending one too: nothing is left to read), then the next read. */
  private received(handed: Handed[]): void {
    for (const part of handed) for (const entry of part.entries) this.hooks.receive(part.stream, entry)
    if (handed.length === 0) return this.readNew()
    const half = this.latency.sample() / 2
    this.later(half, () => {
      let acked = 0
      for (const part of handed) acked += this.server.streams[part.stream].ack(this.group, part.numbers)
      this.hooks.acknowledged(acked)
      this.later(half, () => this.readNew())
    })
  }

  /** Runs `step` after `ms` unless the connection dropped meanwhile. */
  private later(ms: number, step: () => void): void {
    const epoch = this.epoch
    const run = (): void => {
      if (this.epoch === epoch) step()
    }
    this.scheduler.after(ms, run)
  }
}
