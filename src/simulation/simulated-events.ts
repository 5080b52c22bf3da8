import {happenNow, inTimeOrder, type EventRecord, type ImmediateControl, type RunEvent} from '../runner/event-record.js'
import type {Strategy} from '../strategies/strategy.js'
import type {VirtualClock} from '../time/virtual-clock.js'

/**
 * The workload's events on the simulation core, as runner/run-events.ts carries them out on the
 * async path: each is an event of the clock at its instant, pushed before the load's first step
 * (one due at once happens before it), so it happens before the operations due at its instant;
 * the target carries it out in that event (TargetControl.performNow). Events due after the load
 * has ended do not happen, though their instants still pass on the clock, as on the async path.
 */
export class SimulatedEvents {
  private over = false

  constructor(
    private readonly clock: VirtualClock,
    private readonly control: ImmediateControl,
    private readonly strategy: Strategy,
    /** Receives each event as it happened, in the order they started. */
    private readonly log: EventRecord[],
  ) {}

  /** Call before the load pushes its first step onto the clock. */
  schedule(events: readonly RunEvent[]): void {
    const clock = this.clock
    for (const {event} of inTimeOrder(events)) {
      const wait = event.atMs - clock.now()
      if (wait > 0) clock.after(wait, () => this.fire(event))
      else this.fire(event)
    }
  }

  /** The load has ended: no event happens from now on. */
  loadOver(): void {
    this.over = true
  }

  private fire(event: RunEvent): void {
    if (!this.over) this.log.push(happenNow(event, this.control, this.strategy, this.clock))
  }
}
