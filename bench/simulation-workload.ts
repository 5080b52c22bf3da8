import {loadavg} from 'node:os'
import {pathToFileURL} from 'node:url'
import {runWorkload, type RunOptions} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import {minimalEventLoop} from './minimal-event-loop.js'
import {plainLruLoop} from './plain-lru-loop.js'

/** Simulated operations per wall-clock second and per second of this process's CPU time. */
export interface Speed {
  wall: number
  /** The figure a busy, shared machine disturbs least. */
  cpu: number
}

/** One round of one workload, measured in a process of its own. */
export interface WorkloadRound {
  core: Speed
  plain: Speed
  asyncPath: Speed
  /** The hand-written closed loop, for the workloads asked to measure it. */
  minimal?: Speed & {hitRatio: number}
  /** 1-minute load average as the round started. */
  load: number
}

/**
 * The workload cut to about `operations`: a count, or for a phased run (timed by its phases) the
 * phases scaled to that many arrivals at their rates.
 */
export function withOperations(workload: Workload, operations: number): Workload {
  const {load, phases} = workload
  if (phases === undefined || load.durationMs === null || load.rate === null) {
    return {...workload, load: {...load, operations, durationMs: null, warmup: {operations: 0}}}
  }
  const scale = operations / ((load.rate * load.durationMs) / 1000)
  return {
    ...workload,
    phases: phases.map((phase) => ({...phase, durationMs: phase.durationMs * scale})),
    load: {...load, operations: null, durationMs: load.durationMs * scale, warmup: {operations: 0}},
  }
}

async function speedOf(workload: Workload, options: RunOptions): Promise<Speed> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const result = await runWorkload(workload, options)
  const operations = result.load.operations
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return {wall: (operations / wallMs) * 1000, cpu: (operations / ((cpu.user + cpu.system) / 1000)) * 1000}
}

/**
 * One round of a workload file, as `cache-bench run` meets it: a fresh process that has run
 * nothing else. The core at `coreOperations`, the plain LRU loop at as many, the async path at
 * `asyncOperations`; each after an untimed pass, so the timed runs are not the ones that compile:
 * the core's is a fifth of its timed run (a pass of 50k left the first million operations about
 * 15% slower than the next, the optimizing compiler still at work), so the figure is the steady
 * pace of a long run.
 */
export async function measureWorkloadRound(file: string, coreOperations: number, asyncOperations: number, withMinimalLoop: boolean): Promise<WorkloadRound> {
  const load = loadavg()[0]
  const workload = loadWorkload(file)
  await runWorkload(withOperations(workload, coreOperations / 5), {})
  const core = await speedOf(withOperations(workload, coreOperations), {})
  plainLruLoop(workload, 100_000)
  const plain = plainLruLoop(workload, coreOperations).perSecond
  let minimal: WorkloadRound['minimal']
  if (withMinimalLoop) {
    minimalEventLoop(workload, 100_000)
    const measured = minimalEventLoop(workload, coreOperations)
    minimal = {...measured.perSecond, hitRatio: measured.hitRatio}
  }
  await runWorkload(withOperations(workload, asyncOperations / 10), {engine: 'async'})
  const asyncPath = await speedOf(withOperations(workload, asyncOperations), {engine: 'async'})
  return {core, plain, asyncPath, minimal, load}
}

// A child of the simulation bench: FILE CORE_OPERATIONS ASYNC_OPERATIONS [minimal]; prints one JSON line.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, core, asyncOperations, minimal] = process.argv.slice(2)
  const round = await measureWorkloadRound(file, Number(core), Number(asyncOperations), minimal === 'minimal')
  console.log(JSON.stringify(round))
}
