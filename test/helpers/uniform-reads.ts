import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

/** Keys in the uniform-reads workload: its LRU curve is n/KEYS at n items. */
export const UNIFORM_KEYS = 4000

/**
 * Writes a workload of uniform keys, read-only after a warm-up that sees every key, into `dir`
 * and returns its path: an LRU of n items hits n/keys, so every curve has a known answer.
 */
export function writeUniformReads(dir: string): string {
  const path = join(dir, 'uniform.yaml')
  writeFileSync(
    path,
    `version: 1
name: uniform-reads
keyspace: {count: ${UNIFORM_KEYS}, distribution: uniform}
values: {size: 100B}
mix: {read: 100}
strategy: {name: lazy-loading}
load: {rate: 1000/s, operations: 200000, warmup: 100000}
`,
  )
  return path
}
