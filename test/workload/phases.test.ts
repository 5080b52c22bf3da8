import {describe, expect, it} from 'vitest'
import {parseWorkload, type WorkloadOverrides} from '../../src/workload/load-workload.js'

const parse = (yaml: string, overrides?: WorkloadOverrides) => parseWorkload(`version: 1\n${yaml}`, 'phased.yaml', overrides)
const problem = (yaml: string, overrides?: WorkloadOverrides): string => {
  try {
    parse(yaml, overrides)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('the workload loaded')
}

describe('phases in a workload file', () => {
  it('fill in the workload’s settings, size the run by their durations and name themselves', () => {
    const workload = parse(`
keyspace: {count: 1000, distribution: hotspot}
mix: {read: 9, write: 1}
load: {rate: 100/s}
phases:
  - {duration: 1s}
  - name: surge
    duration: 2s
    rate: {from: 100/s, to: 1k/s}
    mix: {read: 1, write: 1}
    keyspace: {distribution: zipfian, theta: 0.5, rotate: 0.25}
  - {duration: 500ms, keyspace: {rotate: 7}}
`)
    expect(workload.load).toMatchObject({operations: null, durationMs: 3500, rate: 100})
    const [first, surge, last] = workload.phases ?? []
    expect(first).toMatchObject({name: 'phase-1', durationMs: 1000, rate: {from: 100, to: 100}, concurrency: null, rotate: 0})
    expect(first.mix).toEqual(workload.mix)
    expect(first.keyspace).toEqual(workload.keyspace)
    expect(surge).toMatchObject({name: 'surge', rate: {from: 100, to: 1000}, mix: {read: 0.5, write: 0.5, delete: 0}, rotate: 250})
    expect(surge.keyspace).toEqual({...workload.keyspace, distribution: 'zipfian', theta: 0.5})
    // Overrides are relative to the workload, not to the phase before.
    expect(last).toMatchObject({name: 'phase-3', rotate: 7, mix: workload.mix})
    expect(last.keyspace.distribution).toBe('hotspot')
  })

  it('make a closed loop whose phases may change the concurrency when no rate is given', () => {
    const workload = parse(`
load: {concurrency: 4}
phases: [{duration: 1s}, {duration: 1s, concurrency: 32}]
`)
    expect(workload.load.rate).toBeNull()
    expect(workload.phases?.map((phase) => [phase.rate, phase.concurrency])).toEqual([
      [null, 4],
      [null, 32],
    ])
  })

  it('give an open loop without load.rate the mean intended rate as load.rate', () => {
    const workload = parse('phases: [{duration: 1s, rate: 1000/s}, {duration: 3s, rate: {from: 0, to: 2000/s}}]')
    // 1000 + 3000 operations over 4 s.
    expect(workload.load.rate).toBe(1000)
  })

  it.each([
    ['load: {operations: 1000}\nphases: [{duration: 1s}]', undefined, /^phased\.yaml: load\.operations cannot be combined with phases: .*leave load\.operations and --operations out\.$/],
    ['load: {duration: 10s}\nphases: [{duration: 1s}]', undefined, /^phased\.yaml: load\.duration cannot be combined with phases/],
    ['phases: [{duration: 1s}]', {operations: 50}, /^--operations: load\.operations cannot be combined with phases: .*; leave load\.operations and --operations out\.$/],
    ['phases: [{rate: 10/s}]', undefined, /^phased\.yaml: phases\[0\]\.duration is missing; it must be a positive duration/],
    ['phases: [{duration: 0s}]', undefined, /phases\[0\]\.duration must be a positive duration .*\(got 0\)\.$/],
    ['phases: [{duration: 1s, rate: 10/s}, {duration: 1s}]', undefined, /phases\[1\]\.rate is missing: when any phase gives a rate the run is an open loop/],
    ['phases: [{duration: 1s, rate: 10/s, concurrency: 4}]', undefined, /phases\[0\]\.concurrency applies only to a closed loop/],
    ['load: {rate: 10/s}\nphases: [{duration: 1s, concurrency: 4}]', undefined, /phases\[0\]\.concurrency applies only to a closed loop/],
    ['keyspace: {count: 100}\nphases: [{duration: 1s, keyspace: {rotate: 100}}]', undefined, /phases\[0\]\.keyspace\.rotate \(100\) must be less than keyspace\.count \(100\)\.$/],
    ['phases: [{duration: 1s, keyspace: {rotate: 1.5}}]', undefined, /phases\[0\]\.keyspace\.rotate must be a fraction of the keys below 1 .*\(got 1\.5\)/],
    ['phases: [{duration: 1s, keyspace: {count: 5}}]', undefined, /unknown field "phases\[0\]\.keyspace\.count"/],
    ['phases: [{duration: 1s, name: a}, {duration: 1s, name: a}]', undefined, /phases\[1\]\.name "a" is already the name of phases\[0\]\.$/],
    ['phases: [{duration: 1s, rate: fast}]', undefined, /phases\[0\]\.rate must be a positive rate .*\(got "fast"\)\.$/],
    ['phases: [{duration: 1s, rate: {from: 0, to: 0}}]', undefined, /phases\[0\]\.rate\.to must be above 0 when from is 0/],
    ['phases: [{duration: 1s, rate: {from: -1, to: 6/s}}]', undefined, /phases\[0\]\.rate\.from must be a rate such as 2000\/s, or 0 \(got -1\)\.$/],
    ['load: {warmup: 5s}\nphases: [{duration: 2s}, {duration: 3s}]', undefined, /load\.warmup \(5s\) must be shorter than the phases together \(5s\)\.$/],
    ['phases: [{duration: 1s, mixx: {read: 1}}]', undefined, /unknown field "phases\[0\]\.mixx"; did you mean "mix"\?$/],
    ['phases: [{duration: 1s, mix: {read: 0}}]', undefined, /phases\[0\]\.mix weights are all zero/],
    ['phases: [{duration: 1s, keyspace: {distribution: zipfan}}]', undefined, /phases\[0\]\.keyspace\.distribution must be one of .*; did you mean "zipfian"\?$/],
    ['phases: []', undefined, /^phased\.yaml: phases is an empty list; list at least one phase, or leave phases out\.$/],
    ['phases: {duration: 1s}', undefined, /^phased\.yaml: phases must be a list of phases, each with a duration \(got a mapping\)\.$/],
  ])('refuses %j with one clear sentence', (yaml, overrides, message) => {
    expect(problem(yaml, overrides)).toMatch(message)
  })
})

describe('a count warm-up beside phases', () => {
  it('is not compared with the default operation count, which phases replace', () => {
    const workload = parseWorkload('version: 1\nload: {warmup: 150000}\nphases:\n  - {duration: 10s}\n', 'w.yaml')
    expect(workload.load.warmup).toEqual({operations: 150000})
    expect(() => parseWorkload('version: 1\nload: {warmup: 150000}\n', 'w.yaml')).toThrow(
      'w.yaml: load.warmup (150000) must be less than load.operations (100000); shorten it in the file or with --warmup, e.g. --warmup 10000.',
    )
  })
})
