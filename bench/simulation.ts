import {readdirSync} from 'node:fs'
import {loadavg} from 'node:os'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {execa} from 'execa'
import {runWorkload} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import {median, type BenchRow} from './bench-row.js'
import {benchSimulationEvents} from './simulation-events.js'
import {withOperations, type Speed, type WorkloadRound} from './simulation-workload.js'

const WORKLOADS = fileURLToPath(new URL('../workloads/', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Operations per run on the simulation core, and on the async path it replaces (slower: fewer). */
const CORE_OPERATIONS = Number(process.env.SIMULATION_BENCH_OPERATIONS ?? 2_000_000)
const ASYNC_OPERATIONS = CORE_OPERATIONS / 20
/** Rounds of every workload, interleaved (round 1 of each, then round 2 of each…): medians are quoted. */
const ROUNDS = 3
/** Goals of issue #9, in simulated operations per wall second on one core. */
const READ_HEAVY_GOAL = 3_000_000
const EVERY_WORKLOAD_GOAL = 1_000_000

/** One round of a workload in a fresh process (simulation-workload.ts), the bench's own loaders included. */
async function roundInChild(file: string, withMinimalLoop: boolean): Promise<WorkloadRound> {
  const child = await execa(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('simulation-workload.ts', import.meta.url)), file, String(CORE_OPERATIONS), String(ASYNC_OPERATIONS), withMinimalLoop ? 'minimal' : 'no-minimal'],
    {cwd: ROOT, reject: false},
  )
  if (child.exitCode !== 0) throw new Error(`the simulation bench of ${file} failed: ${String(child.stderr)}`)
  return JSON.parse(String(child.stdout).trim().split('\n').at(-1)!) as WorkloadRound
}

/** The median of each figure over the rounds. */
function medianSpeed(speeds: Speed[]): Speed {
  return {wall: median(speeds.map((speed) => speed.wall)), cpu: median(speeds.map((speed) => speed.cpu))}
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
 * measured in the same process — a plain loop of LRU lookups over the workload's keys (the
 * floor: what a hit-ratio simulator does per request) and the async path. Each round of a
 * workload runs in a fresh process, as `cache-bench run` runs one workload file: one process
 * running every workload in turn compiles the shared code for all of them at once, which slows
 * each by 10–15% and says more about the bench than about a run.
 */
export async function benchSimulation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{name: 'simulation.load-average', value: Number(loadavg()[0].toFixed(2)), unit: '1 min', note: 'load average of this machine when the simulation bench starts'}]
  const {simulated, others} = await simulatedWorkloads()
  rows.push(...others)
  const rounds = new Map<string, WorkloadRound[]>(simulated.map(([name]) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name] of simulated) rounds.get(name)!.push(await roundInChild(`${WORKLOADS}${name}.yaml`, name === 'read-heavy'))
  }
  for (const [name] of simulated) {
    const measured = rounds.get(name)!
    const core = medianSpeed(measured.map((round) => round.core))
    const plain = medianSpeed(measured.map((round) => round.plain))
    const reference = medianSpeed(measured.map((round) => round.asyncPath))
    const goal = name === 'read-heavy' ? READ_HEAVY_GOAL : EVERY_WORKLOAD_GOAL
    const verdict = (speed: number): string => (speed >= goal ? 'met' : `not met, ${(speed / goal).toFixed(2)}× of it`)
    const walls = measured.map((round) => millions(round.core.wall)).join(', ')
    rows.push({
      name: `simulation.${name}`,
      value: Math.round(core.wall),
      unit: 'ops/s',
      note: `per wall second, median of ${ROUNDS} rounds (${walls}), each a fresh process, ${CORE_OPERATIONS / 1e6}M ops; per CPU second ${millions(core.cpu)} (${nanoseconds(core.cpu)} ns of CPU an operation; the goal leaves ${nanoseconds(goal)}); goal ≥ ${millions(goal)} per wall second on one core: ${verdict(core.wall)} (per CPU second: ${verdict(core.cpu)}); load ${measured.map((round) => round.load.toFixed(1)).join(', ')}`,
    })
    rows.push({
      name: `simulation.${name}.plain-lru-loop`,
      value: Math.round(plain.wall),
      unit: 'ops/s',
      note: `reference: zipfian key + typed-array LRU lookup per op, same keys and item count, ${CORE_OPERATIONS / 1e6}M ops, same processes; per CPU second ${millions(plain.cpu)}`,
    })
    rows.push({
      name: `simulation.${name}.vs-plain-loop`,
      value: Number((core.cpu / plain.cpu).toFixed(3)),
      unit: 'ratio',
      note: 'core ÷ plain loop, per CPU second, medians',
    })
    const minimalRounds = measured.flatMap((round) => (round.minimal === undefined ? [] : [round.minimal]))
    if (minimalRounds.length > 0) {
      const minimal = medianSpeed(minimalRounds)
      rows.push({
        name: `simulation.${name}.minimal-event-loop`,
        value: Math.round(minimal.wall),
        unit: 'ops/s',
        note: `reference: the same closed loop by hand (heap, draws, engine, five histograms; no staleness, pins, queue or timeline), hit ratio ${minimalRounds[0].hitRatio.toFixed(3)}; per CPU second ${millions(minimal.cpu)}, the core ${(core.cpu / minimal.cpu).toFixed(2)}× of it`,
      })
    }
    rows.push({
      name: `simulation.${name}.async-reference`,
      value: Math.round(reference.wall),
      unit: 'ops/s',
      note: `the async path on the same workload, ${ASYNC_OPERATIONS / 1e3}k ops, same processes; per CPU second ${millions(reference.cpu)}`,
    })
    rows.push({
      name: `simulation.${name}.vs-async`,
      value: Number((core.cpu / reference.cpu).toFixed(2)),
      unit: 'ratio',
      note: 'core ÷ async path, per CPU second, medians',
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
