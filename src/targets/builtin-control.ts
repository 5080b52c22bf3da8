import type {EventAction} from '../workload/types.js'
import type {EventEffect, TargetControl} from './target-control.js'

/** What the built-in target cannot do, in words that say what to use instead. */
export function builtinRefusal(action: EventAction, byCommand: boolean, pool: boolean): string | null {
  if (byCommand) return 'command: fails a node of a real server; on builtin:// leave it out and the node is replaced by an empty one'
  if ((action === 'scale-out' || action === 'scale-in') && !pool) return `${action} needs a built-in pool: use builtin://?nodes=N`
  if (action === 'failover') return 'failover needs a Redis primary with a replica: redis://host:port?replica=host:port'
  return null
}

/** The single built-in engine as one node: a failure or a flush empties it (`empty` returns the entries it held). */
export function singleEngineControl(name: string, empty: () => number): TargetControl {
  const performNow = (action: EventAction): EventEffect => {
    if (action !== 'node-failure' && action !== 'flush') throw new Error(`builtin:// cannot ${action}`)
    return {nodeName: action === 'flush' ? undefined : name, nodes: 1, details: {entriesLost: empty()}}
  }
  return {
    nodeNames: () => [name],
    maxNodes: 1,
    refusal: (action, byCommand) => builtinRefusal(action, byCommand, false),
    holds: () => () => true,
    perform: async (action) => performNow(action),
    performNow,
  }
}
