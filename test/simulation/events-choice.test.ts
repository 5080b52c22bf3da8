import {describe, expect, it} from 'vitest'
import {simulationRefusal} from '../../src/simulation/simulate-load.js'
import {BuiltinPool} from '../../src/targets/builtin-pool.js'
import type {CacheTarget} from '../../src/targets/cache-target.js'
import {RealClock} from '../../src/time/real-clock.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import type {EventSpec} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

/** What simulationRefusal reads of a load: the clock, the target and the events; the rest it does not touch. */
function refusal(events: EventSpec[], options: {realClock?: boolean; control?: boolean} = {}): string | null {
  const workload = testWorkload({events})
  const clock = new VirtualClock()
  const pool = new BuiltinPool('builtin://?nodes=3', workload.cache, 3, workload.keyspace.count, clock, workload.seed)
  // A simulated cache whose events could only be carried out asynchronously: the control without performNow.
  const withoutNow: Partial<CacheTarget> = {simulated: pool, control: {...pool.control, performNow: undefined}}
  const target = options.control === false ? (withoutNow as CacheTarget) : pool
  const unused = {} as never
  return simulationRefusal({workload, clock: options.realClock ? new RealClock() : clock, target, origin: unused, strategy: unused, metrics: unused, events})
}

describe('which runs with events the simulation core takes', () => {
  it('takes every event a built-in pool carries out at once, at any instant', () => {
    const events: EventSpec[] = [
      {atMs: 0, action: 'scale-out'},
      {atMs: 10, action: 'node-failure', node: 2},
      {atMs: 20, action: 'scale-in'},
      {atMs: 30, action: 'flush'},
    ]
    expect(refusal(events)).toBeNull()
  })

  it('leaves a shell command, or a target that cannot act at once, to the async path, saying why', () => {
    expect(refusal([{atMs: 10, action: 'node-failure', command: 'true'}])).toMatch(/command: runs in wall-clock time/)
    expect(refusal([{atMs: 10, action: 'flush'}], {control: false})).toMatch(/cannot carry out events in simulated time/)
    expect(refusal([{atMs: 10, action: 'flush'}], {realClock: true})).toBe('the target is not simulated')
  })
})
