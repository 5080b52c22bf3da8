import {describe, expect, it} from 'vitest'
import {BYTES_PER_KEY, checkMemoryFor} from '../../src/runner/memory-check.js'
import {testWorkload} from '../helpers/workload.js'

const GIB = 2 ** 30
const hundredMillion = testWorkload({keyspace: {count: 100_000_000, distribution: 'uniform'}})

describe('memory for per-key state', () => {
  it('refuses copies of a keyspace that cannot fit, naming the size, the machine and what to change', () => {
    // 8 workers × 100M keys × 49 B = 36.5 GiB, against 80% of 23.5 GiB.
    expect(() => checkMemoryFor(hundredMillion, 8, 'workers', 23.5 * GIB)).toThrow(
      "keyspace.count 100,000,000 in 8 workers (each keeps its own) needs about 36.5GiB of memory for per-key state (49 B a key), more than 80% of this machine's 23.5GiB; use fewer keys or workers, or split the run over hosts with --shard.",
    )
    expect(() => checkMemoryFor(hundredMillion, 8, 'threads', 23.5 * GIB)).toThrow(/in 8 threads \(each keeps its own\).*; use fewer keys or --threads\.$/)
    expect(() => checkMemoryFor(hundredMillion, 1, 'workers', 4 * GIB)).toThrow(/needs about 4\.56GiB .*more than 80% of this machine's 4GiB; use fewer keys\.$/)
  })

  it('lets a run through up to 80% of the memory, whatever its cache size', () => {
    const fits = 100_000_000 * BYTES_PER_KEY * 3
    expect(() => checkMemoryFor(hundredMillion, 3, 'workers', fits / 0.8)).not.toThrow()
    expect(() => checkMemoryFor(hundredMillion, 3, 'workers', fits / 0.8 - 1)).toThrow(/in 3 workers/)
    // A trace sizes its keyspace as it is read: not judged here.
    expect(() => checkMemoryFor({...hundredMillion, trace: {file: 't.csv', format: 'twitter'} as never}, 64, 'workers', GIB)).not.toThrow()
  })
})
