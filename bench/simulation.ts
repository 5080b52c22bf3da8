import {readdirSync} from 'node:fs'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {runWorkload, type RunOptions} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import type {BenchRow} from './bench-row.js'

const WORKLOADS = fileURLToPath(new URL('../workloads/', import.meta.url))
/** Operations per run on the simulation core, and on the async path it replaces (slower: fewer). */
const CORE_OPERATIONS = 1_000_000
const ASYNC_OPERATIONS = 100_000
const READ_HEAVY_GOAL = 3_000_000
const EVERY_WORKLOAD_GOAL = 1_000_000

interface Speed {
  /** Simulated operations per wall-clock second. */
  wall: number
  /** Per second of this process's CPU time: the figure a busy, shared machine disturbs least. */
  cpu: number
}

function withOperations(workload: Workload, operations: number): Workload {
  return {...workload, load: {...workload.load, operations, durationMs: null, warmup: {operations: 0}}}
}

async function speedOf(workload: Workload, options: RunOptions): Promise<Speed> {
  const operations = workload.load.operations as number
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await runWorkload(workload, options)
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return {wall: (operations / wallMs) * 1000, cpu: (operations / cpuMs) * 1000}
}

/** Workloads the simulation core runs: it refuses the others, which keep the async path. */
async function simulatedWorkloads(): Promise<Array<[string, Workload]>> {
  const simulated: Array<[string, Workload]> = []
  for (const file of readdirSync(WORKLOADS).filter((name) => name.endsWith('.yaml')).sort()) {
    const workload = loadWorkload(WORKLOADS + file)
    try {
      await runWorkload(withOperations(workload, 1000), {engine: 'simulation'})
      simulated.push([file.replace(/\.yaml$/, ''), workload])
    } catch (error) {
      // Structures, phases or an open loop: not simulated yet.
      if (!(error instanceof Error && error.message.includes('simulation core cannot run'))) throw error
    }
  }
  return simulated
}

/**
 * Each bundled workload the simulation core runs, at its own latency models: simulated
 * operations per second on the core beside the async path in the same run and process.
 */
export async function benchSimulation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const [name, workload] of await simulatedWorkloads()) {
    // One short untimed pass each, so the timed runs are not the ones that compile.
    await runWorkload(withOperations(workload, 50_000), {})
    const core = await speedOf(withOperations(workload, CORE_OPERATIONS), {})
    const reference = await speedOf(withOperations(workload, ASYNC_OPERATIONS), {engine: 'async'})
    const goal = name === 'read-heavy' ? READ_HEAVY_GOAL : EVERY_WORKLOAD_GOAL
    rows.push({
      name: `simulation.${name}`,
      value: Math.round(core.wall),
      unit: 'ops/s',
      note: `simulated ops per wall second, ${CORE_OPERATIONS / 1e6}M ops; per CPU second ${Math.round(core.cpu)}; goal ≥ ${goal / 1e6}M (${core.cpu >= goal ? 'met' : 'not met'} per CPU second)`,
    })
    rows.push({
      name: `simulation.${name}.async-reference`,
      value: Math.round(reference.wall),
      unit: 'ops/s',
      note: `the async path on the same workload, ${ASYNC_OPERATIONS / 1e3}k ops; per CPU second ${Math.round(reference.cpu)}`,
    })
    rows.push({
      name: `simulation.${name}.vs-async`,
      value: Number((core.cpu / reference.cpu).toFixed(2)),
      unit: 'ratio',
      note: 'core ÷ async path, per CPU second, same run',
    })
  }
  return rows
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchSimulation()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
