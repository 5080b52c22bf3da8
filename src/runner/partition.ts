import type {KeyDistribution} from '../generators/key-distribution.js'
import type {OperationMix} from '../generators/operation-mix.js'
import type {MixKind, StructureOperationKind} from '../workload/types.js'
import type {OperationRunner} from './closed-loop.js'
import {
  performStructureOperations,
  type PreparedStructureOperation,
  type StructureOperation,
  type StructureOperations,
} from './structure-operations.js'

/**
 * One of `count` disjoint parts of a workload's operation stream, `index` from 0. Part i owns
 * the keys with `key % count === i`, so every key has exactly one writer and staleness stays
 * exact; the parts together execute exactly the operations of the whole run.
 */
export interface RunPart {
  index: number
  count: number
}

export function ownsKey(part: RunPart, key: number): boolean {
  return key % part.count === part.index
}

/** Part i's share of `total` split `count` ways: the first `total % count` parts take one more. */
export function shareOf(total: number, part: RunPart): number {
  return Math.floor(total / part.count) + (part.index < total % part.count ? 1 : 0)
}

/** Where an operation runner draws its operations from. */
export interface OperationSources {
  mix: OperationMix
  keys: KeyDistribution
  structures?: StructureOperation
  /** The simulation core's way in: the drawn structure operation of that kind, for it to apply. */
  prepareStructure?: (kind: StructureOperationKind) => PreparedStructureOperation
  /**
   * Draws the next operation of the whole run's stream and says whether it is this part's; the
   * sources above then hand out exactly that operation. Absent for the whole run.
   */
  claim?: () => boolean
}

/** The whole run: every operation drawn is executed. */
export function wholeRunSources(mix: OperationMix, keys: KeyDistribution, structures: StructureOperations | undefined): OperationSources {
  return {mix, keys, structures: structures && performStructureOperations(structures), prepareStructure: structures && ((kind) => structures.prepare(kind))}
}

/**
 * One part of the run. Every operation of the whole stream is drawn — kind, key and, for data
 * structures, all parameters — so each seeded stream stays in step with the whole run, and only
 * those whose key the part owns are handed on. Structure operations go by their structure's key.
 */
export function partSources(
  part: RunPart,
  mix: OperationMix,
  keys: KeyDistribution,
  structures: StructureOperations | undefined,
): OperationSources {
  let kind: MixKind = 'read'
  let key = 0
  let structure: PreparedStructureOperation | undefined
  const claim = (): boolean => {
    kind = mix.next()
    if (kind === 'read' || kind === 'delete') key = keys.nextKey()
    else if (kind === 'write') key = keys.nextWriteKey()
    else if (structures) {
      structure = structures.prepare(kind)
      key = structure.key
    } else throw new Error(`the mix drew ${kind}, but the run has no structure operations`)
    return ownsKey(part, key)
  }
  return {
    mix: {next: () => kind},
    keys: {nextKey: () => key, nextWriteKey: () => key},
    structures: structures && ((_kind, measured, start) => structures.run(structure as PreparedStructureOperation, measured, start)),
    prepareStructure: structures && (() => structure as PreparedStructureOperation),
    claim,
  }
}

/** The runner, carrying the claim the load loops ask before each start. */
export function withClaim(runner: OperationRunner, claim: (() => boolean) | undefined): OperationRunner {
  if (claim === undefined) return runner
  const claimed: OperationRunner = Object.assign((slot: number, measured: boolean, intendedStart: number) => runner(slot, measured, intendedStart), {claim})
  if (runner.start) claimed.start = runner.start
  return claimed
}
