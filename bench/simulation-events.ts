import {fileURLToPath, pathToFileURL} from 'node:url'
import {runWorkload, type RunOptions} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import type {BenchRow} from './bench-row.js'

const OPERATIONS = Number(process.env.SIMULATION_EVENTS_BENCH_OPERATIONS ?? 200_000)
/** Rounds of core and async path, alternated, so a change in the machine's load touches both alike. */
const ROUNDS = 3
const TARGET = 'builtin://?nodes=4'

/**
 * read-heavy on a pool of four with every builtin event during the load: at 200,000 operations
 * it runs about 11 simulated seconds (concurrency 32, hit ratio about 0.7), so all four happen.
 */
function eventWorkload(operations: number): Workload {
  const workload = loadWorkload(fileURLToPath(new URL('../workloads/read-heavy.yaml', import.meta.url)))
  return {
    ...workload,
    load: {...workload.load, operations, warmup: {operations: operations / 10}},
    events: [
      {atMs: 2000, action: 'node-failure', node: 1},
      {atMs: 4000, action: 'scale-out'},
      {atMs: 6000, action: 'scale-in'},
      {atMs: 8000, action: 'flush'},
    ],
  }
}

/** CPU seconds of this process for one run, and how many of the workload's events happened. */
async function cpuSecondsOf(workload: Workload, options: RunOptions): Promise<{cpuSeconds: number; events: number}> {
  const before = process.cpuUsage()
  const result = await runWorkload(workload, {...options, target: TARGET})
  const cpu = process.cpuUsage(before)
  return {cpuSeconds: (cpu.user + cpu.system) / 1e6, events: result.events?.length ?? 0}
}

/** An event workload on the simulation core against the async path, CPU seconds, interleaved. */
export async function benchSimulationEvents(): Promise<BenchRow[]> {
  const workload = eventWorkload(OPERATIONS)
  // One short untimed pass of each, so the timed runs are not the ones that compile.
  await cpuSecondsOf(eventWorkload(20_000), {engine: 'simulation'})
  await cpuSecondsOf(eventWorkload(20_000), {engine: 'async'})
  const core: number[] = []
  const reference: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const onCore = await cpuSecondsOf(workload, {engine: 'simulation'})
    const onAsync = await cpuSecondsOf(workload, {engine: 'async'})
    const events = workload.events?.length
    if (onCore.events !== events || onAsync.events !== events) throw new Error('an event of the bench workload did not happen')
    core.push(onCore.cpuSeconds)
    reference.push(onAsync.cpuSeconds)
  }
  const list = (seconds: number[]): string => seconds.map((value) => value.toFixed(2)).join(', ')
  const best = (seconds: number[]): number => Math.min(...seconds)
  return [
    {
      name: 'simulation.read-heavy+events',
      value: Math.round(OPERATIONS / best(core)),
      unit: 'ops/s',
      note: `per CPU second (best of ${ROUNDS}), ${OPERATIONS / 1e3}k ops on ${TARGET} with node-failure, scale-out, scale-in and flush; CPU seconds a run: ${list(core)}`,
    },
    {
      name: 'simulation.read-heavy+events.async-reference',
      value: Math.round(OPERATIONS / best(reference)),
      unit: 'ops/s',
      note: `the async path, same workload, runs alternated with the core's; CPU seconds a run: ${list(reference)}`,
    },
    {name: 'simulation.read-heavy+events.vs-async', value: Number((best(reference) / best(core)).toFixed(2)), unit: 'ratio', note: 'core ÷ async path, per CPU second, same run'},
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchSimulationEvents()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
