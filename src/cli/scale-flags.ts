import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import type {RunPart} from '../runner/partition.js'

/** Spreading one run over threads and hosts. */
export const scaleFlags = {
  workers: Flags.integer({
    description:
      'Run the load on N worker threads. Each executes the operations of its own keys (so each key keeps one writer) with its own connections and 1/N of the concurrency, cache capacity and origin concurrency; the results are merged exactly.',
    min: 1,
    default: 1,
    helpValue: 'N',
    helpGroup: 'SCALE',
  }),
  shard: Flags.string({
    description:
      'Run only shard i of n (1-based: 1/4 … 4/4), for n hosts driven at the same time; each shard gets 1/n of the load. Combine the shards\' results with "cache-bench merge". Combines with --workers.',
    helpValue: 'i/n',
    helpGroup: 'SCALE',
  }),
}

/** `2/4` → part 1 of 4 (0-based inside). */
export function parseShard(text: string): RunPart {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard "${text}" must be i/n with 1 ≤ i ≤ n, e.g. 1/4 for the first of four shards.`)
  }
  return {index: index - 1, count}
}
