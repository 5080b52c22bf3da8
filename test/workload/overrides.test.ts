import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {parseWorkload, type WorkloadOverrides} from '../../src/workload/load-workload.js'

const FILE = `version: 1
seed: 5
load:
  concurrency: 8
  duration: 30s
  warmup: 5s
thresholds:
  - "hitRatio >= 0.5"
`

const load = (overrides: WorkloadOverrides, text = FILE) => parseWorkload(text, 'w.yaml', overrides)

function problem(overrides: WorkloadOverrides, text = FILE): string {
  try {
    load(overrides, text)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('accepted')
}

describe('overrides', () => {
  it('leave the file alone when none are given', () => {
    expect(load({}).load).toEqual({concurrency: 8, rate: null, arrival: 'constant', maxInFlight: 10_000, operations: null, durationMs: 30_000, warmup: {durationMs: 5000}})
  })

  it('replace seed and concurrency', () => {
    const workload = load({seed: 99, concurrency: 2})
    expect(workload.seed).toBe(99)
    expect(workload.load.concurrency).toBe(2)
  })

  it('size the run by operations instead of the file duration, and the other way round', () => {
    const counted = load({operations: 1000, warmup: '100'})
    expect(counted.load).toEqual({concurrency: 8, rate: null, arrival: 'constant', maxInFlight: 10_000, operations: 1000, durationMs: null, warmup: {operations: 100}})

    const timed = load({duration: '2m'}, 'version: 1\nload: {operations: 5000}\n')
    expect(timed.load).toMatchObject({operations: null, durationMs: 120_000})
  })

  it('refuse --operations with --duration, as the file refuses both fields, rather than drop one unsaid', () => {
    const sentence = '--operations and --duration are both given; give only one of them (a run is sized by a count of operations or by a time).'
    expect(problem({operations: 1000, duration: '1s'})).toBe(sentence)
    expect(problem({operations: 1000, duration: '1s'}, 'version: 1\nload: {operations: 5000}\n')).toBe(sentence)
  })

  it('read a warm-up as operations when it is a bare number, else as a duration', () => {
    expect(load({warmup: '10s'}).load.warmup).toEqual({durationMs: 10_000})
    expect(load({warmup: '250'}).load.warmup).toEqual({operations: 250})
  })

  it('append thresholds to the file ones', () => {
    expect(load({thresholds: ['read.p99 < 2ms']}).thresholds).toEqual(['hitRatio >= 0.5', 'read.p99 < 2ms'])
    expect(load({thresholds: ['staleRatio <= 0.01']}, 'version: 1\n').thresholds).toEqual(['staleRatio <= 0.01'])
  })

  it('work on a file with no load section', () => {
    expect(load({operations: 10}, 'version: 1\n').load.operations).toBe(10)
  })

  it('do not change the document they were given', () => {
    const workload = load({concurrency: 3})
    const again = load({})
    expect([workload.load.concurrency, again.load.concurrency]).toEqual([3, 8])
  })
})

describe('problems with override values', () => {
  it('name the flag instead of the file', () => {
    expect(problem({operations: 0})).toBe('--operations: load.operations must be a whole number from 1 to 10,000,000,000 (got 0).')
    expect(problem({concurrency: -1})).toBe('--concurrency: load.concurrency must be a whole number from 1 to 100,000 (got -1).')
    expect(problem({seed: 1.5})).toBe('--seed: seed must be a whole number ≥ 0 (got 1.5).')
    expect(problem({duration: 'forever'})).toMatch(/^--duration: load\.duration must be a positive duration .*\(got "forever"\)\.$/)
    expect(problem({warmup: 'later'})).toMatch(/^--warmup: load\.warmup must be a whole number of operations from 0 to 10,000,000,000, or a duration/)
    expect(problem({thresholds: [' ']})).toMatch(/^--threshold: thresholds\[1\] must be a threshold expression/)
  })

  it('refuse --concurrency where a rate makes the run an open loop, which it would not size', () => {
    const tail = 'this run an open loop, whose operations in flight follow the rate; drop --concurrency (load.maxInFlight caps them).'
    expect(problem({concurrency: 4, rate: '1000'})).toBe(`--concurrency sizes a closed loop, but --rate makes ${tail}`)
    expect(problem({concurrency: 4}, 'version: 1\nload: {rate: 500/s, duration: 10s}\n')).toBe(`--concurrency sizes a closed loop, but the workload's load.rate makes ${tail}`)
    const phased = 'version: 1\nload: {rate: 100}\nphases:\n  - {duration: 10s, rate: 200/s}\n'
    expect(problem({concurrency: 4}, phased)).toBe(`--concurrency sizes a closed loop, but the rates of the workload's phases make ${tail}`)
    // A closed loop takes it, and a rate alone is an open loop as before.
    expect(load({concurrency: 4}).load.concurrency).toBe(4)
    expect(load({rate: '1000'}).load.rate).toBe(1000)
  })

  it('apply the same cross-field rules, naming the flag involved', () => {
    expect(problem({warmup: '40s'})).toBe('--warmup: load.warmup (40s) must be shorter than load.duration (30s).')
    expect(problem({operations: 100}, 'version: 1\nload: {warmup: 500}\n')).toBe(
      '--operations: load.warmup (500) must be less than load.operations (100); shorten it in the file or with --warmup, e.g. --warmup 10.',
    )
  })

  it('still blame the file for its own mistakes', () => {
    expect(problem({operations: 100}, 'version: 1\nkeyspace: {count: 0}\n')).toBe(
      'w.yaml: keyspace.count must be a whole number from 1 to 100,000,000 (got 0).',
    )
    expect(problem({thresholds: ['read.p99 < 2ms']}, 'version: 1\nthresholds: ["hitRatio > 0.5", 5]\n')).toMatch(/^w\.yaml: thresholds\[1\]/)
  })
})

describe('threshold expressions are checked when the workload loads', () => {
  it('names the file and the index of a malformed expression', () => {
    expect(problem({}, 'version: 1\nthresholds: ["hitRatio > 0.5", "hitRatoi > 0.5"]\n')).toMatch(
      /^w\.yaml: thresholds\[1\] is not usable: .*did you mean "hitRatio"\?$/,
    )
  })
})
