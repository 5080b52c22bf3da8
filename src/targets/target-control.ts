import type {FailoverOutcome} from '../metrics/result.js'
import type {EventAction} from '../workload/types.js'

/** What an event did to the target, for the result. */
export interface EventEffect {
  /** Name of the node acted on: `host:port`, or `node-<n>` in a built-in pool. */
  nodeName?: string
  /** Nodes serving keys once the event is over. */
  nodes: number
  /** Figures particular to the action (entries dropped, share of keys remapped…). */
  details?: Record<string, number | string>
  /** failover only. */
  failover?: FailoverEffect
}

/** A failover under way; its figures are final once the load has ended. */
export interface FailoverEffect {
  /** Called once, after the load: counts what the switch cost (reads the new primary back). */
  settle(): Promise<FailoverOutcome>
}

/**
 * Failures and pool changes as a target capability (`events:` in the workload). Nodes are
 * numbered 0.. in the order they serve; a node that joins is numbered after the others.
 */
export interface TargetControl {
  /** Names of the nodes serving keys now. */
  nodeNames(): readonly string[]
  /** Most nodes the target can serve with (the builtin pool: unbounded). */
  readonly maxNodes: number
  /**
   * Why `action` cannot be carried out on this target with its options, or null when it can;
   * asked before anything connects, so a run never starts with an event it cannot perform.
   * `byCommand`: a node-failure that runs the user's command instead of acting itself.
   */
  refusal(action: EventAction, byCommand: boolean): string | null
  /** Whether `key` lives on node `node` now; decided when called. */
  holds(node: number): (key: number) => boolean
  perform(action: EventAction, node: number): Promise<EventEffect>
  /**
   * A target in simulated time: carries the action out at once, as one event of the simulation
   * core's clock (never a failover, which settles after the load).
   */
  performNow?(action: EventAction, node: number): Omit<EventEffect, 'failover'>
}
