import {readdirSync} from 'node:fs'
import {loadavg} from 'node:os'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {runWorkload, type RunOptions} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import type {BenchRow} from './bench-row.js'
import {minimalEventLoop} from './minimal-event-loop.js'
import {plainLruLoop} from './plain-lru-loop.js'
import {benchSimulationEvents} from './simulation-events.js'

const WORKLOADS = fileURLToPath(new URL('../workloads/', import.meta.url))
/** Operations per run on the simulation core, and on the async path it replaces (slower: fewer). */
const CORE_OPERATIONS = Number(process.env.SIMULATION_BENCH_OPERATIONS ?? 1_000_000)
const ASYNC_OPERATIONS = CORE_OPERATIONS / 10
/** Goals of issue #9, in simulated operations per wall second on one core. */
const READ_HEAVY_GOAL = 3_000_000
const EVERY_WORKLOAD_GOAL = 1_000_000

interface Speed {
  /** Simulated operations per wall-clock second. */
  wall: number
  /** Per second of this process's CPU time: the figure a busy, shared machine disturbs least. */
  cpu: number
}

/**
 * The workload cut to about `operations`: a count, or for a phased run (timed by its phases) the
 * phases scaled to that many arrivals at their rates.
 */
function withOperations(workload: Workload, operations: number): Workload {
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
  const cpuMs = (cpu.user + cpu.system) / 1000
  return {wall: (operations / wallMs) * 1000, cpu: (operations / cpuMs) * 1000}
}

/**
 * Bundled workloads the simulation core runs, and a row for each of the others: those it
 * refuses keep the async path, and messaging workloads have a runner of their own.
 */
async function simulatedWorkloads(): Promise<{simulated: Array<[string, Workload]>; others: BenchRow[]}> {
  const simulated: Array<[string, Workload]> = []
  const others: BenchRow[] = []
  for (const file of readdirSync(WORKLOADS).filter((name) => name.endsWith('.yaml')).sort()) {
    const name = file.replace(/\.yaml$/, '')
    const workload = loadWorkload(WORKLOADS + file)
    if (workload.messaging) {
      others.push({name: `simulation.${name}`, value: 0, unit: 'n/a', note: 'a messaging workload: its own runner, not the simulation core'})
      continue
    }
    try {
      await runWorkload(withOperations(workload, 1000), {engine: 'simulation'})
      simulated.push([name, workload])
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('simulation core cannot run'))) throw error
      others.push({name: `simulation.${name}`, value: 0, unit: 'n/a', note: `runs on the async path: ${error.message}`})
    }
  }
  return {simulated, others}
}

function millions(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)}M`
}

/** The time one operation may take at a rate: the per-operation budget. */
function nanoseconds(perSecond: number): string {
  return (1e9 / perSecond).toFixed(0)
}

/**
 * Each bundled workload the simulation core runs, at its own latency models: simulated
 * operations per wall and per CPU second on the core, against the goal, beside two references
 * measured in the same run and process — a plain loop of LRU lookups over the workload's keys
 * (the floor: what a hit-ratio simulator does per request) and the async path.
 */
export async function benchSimulation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{name: 'simulation.load-average', value: Number(loadavg()[0].toFixed(2)), unit: '1 min', note: 'load average of this machine when the simulation bench starts'}]
  const {simulated, others} = await simulatedWorkloads()
  rows.push(...others)
  for (const [name, workload] of simulated) {
    // One short untimed pass each, so the timed runs are not the ones that compile.
    await runWorkload(withOperations(workload, 50_000), {})
    plainLruLoop(workload, 100_000)
    const core = await speedOf(withOperations(workload, CORE_OPERATIONS), {})
    const plain = plainLruLoop(workload, CORE_OPERATIONS).perSecond
    const reference = await speedOf(withOperations(workload, ASYNC_OPERATIONS), {engine: 'async'})
    const goal = name === 'read-heavy' ? READ_HEAVY_GOAL : EVERY_WORKLOAD_GOAL
    const verdict = (speed: number): string => (speed >= goal ? 'met' : `not met, ${(speed / goal).toFixed(2)}× of it`)
    rows.push({
      name: `simulation.${name}`,
      value: Math.round(core.wall),
      unit: 'ops/s',
      note: `per wall second, ${CORE_OPERATIONS / 1e6}M ops; per CPU second ${millions(core.cpu)} (${nanoseconds(core.cpu)} ns of CPU an operation; the goal leaves ${nanoseconds(goal)}); goal ≥ ${millions(goal)} per wall second on one core: ${verdict(core.wall)} (per CPU second: ${verdict(core.cpu)})`,
    })
    rows.push({
      name: `simulation.${name}.plain-lru-loop`,
      value: Math.round(plain.wall),
      unit: 'ops/s',
      note: `reference: zipfian key + Map LRU lookup per op, same keys and item count, ${CORE_OPERATIONS / 1e6}M ops; per CPU second ${millions(plain.cpu)}`,
    })
    rows.push({
      name: `simulation.${name}.vs-plain-loop`,
      value: Number((core.cpu / plain.cpu).toFixed(3)),
      unit: 'ratio',
      note: 'core ÷ plain loop, per CPU second, same run',
    })
    if (name === 'read-heavy') {
      minimalEventLoop(workload, 100_000)
      const minimal = minimalEventLoop(workload, CORE_OPERATIONS)
      rows.push({
        name: `simulation.${name}.minimal-event-loop`,
        value: Math.round(minimal.perSecond.wall),
        unit: 'ops/s',
        note: `reference: the same closed loop by hand (heap, draws, engine, five histograms; no staleness, pins, queue or timeline), hit ratio ${minimal.hitRatio.toFixed(3)}; per CPU second ${millions(minimal.perSecond.cpu)}, the core ${(core.cpu / minimal.perSecond.cpu).toFixed(2)}× of it`,
      })
    }
    rows.push({
      name: `simulation.${name}.async-reference`,
      value: Math.round(reference.wall),
      unit: 'ops/s',
      note: `the async path on the same workload, ${ASYNC_OPERATIONS / 1e3}k ops; per CPU second ${millions(reference.cpu)}`,
    })
    rows.push({
      name: `simulation.${name}.vs-async`,
      value: Number((core.cpu / reference.cpu).toFixed(2)),
      unit: 'ratio',
      note: 'core ÷ async path, per CPU second, same run',
    })
  }
  // No bundled workload has events on the built-in target; this one has every kind.
  rows.push(...(await benchSimulationEvents()))
  return rows
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchSimulation()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
