import {execa} from 'execa'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {median, type BenchRow} from './bench-row.js'
import {zeroLatencyWorkloadText} from './end-to-end.js'
import {headroomRow} from './parallel-headroom.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const OPERATIONS = 2_000_000
const REPETITIONS = 3
/**
 * A run long enough that each worker's own set-up (its thread, modules and a 1M-key origin and
 * engine: about 0.7 s here) is a small part of it, as with the runs `--workers` is for.
 */
const LONG_OPERATIONS = 10_000_000
const LONG_REPETITIONS = 3
/** Goal of issue #9: N workers at least 0.8 × N times as fast as one on N cores. */
const SPEED_UP_GOAL = 0.8 * 2

/** The end-to-end zero-latency workload: what is measured is the load generator itself. */
const WORKLOAD = zeroLatencyWorkloadText(OPERATIONS)

/** Wall-clock ops/s of the built CLI, process start and thread start-up included. */
async function endToEnd(file: string, workers: number, operations = OPERATIONS): Promise<number> {
  const started = performance.now()
  const run = await execa('node', ['bin/run.js', 'run', file, '--workers', String(workers), '--json'], {
    cwd: ROOT,
    env: {NODE_ENV: 'production'},
    reject: false,
  })
  const elapsed = performance.now() - started
  if (run.exitCode !== 0) throw new Error(`cache-bench run --workers ${workers} failed: ${String(run.stderr)}`)
  return (operations / elapsed) * 1000
}

/**
 * CPU time (not wall time, so other processes on the machine do not distort it) of one part of
 * `count`, in this thread: what a worker costs, skipped operations' draws included.
 */
async function cpuMs(count: number): Promise<number> {
  const workload = parseWorkload(WORKLOAD, 'bench-workers.yaml')
  const before = process.cpuUsage()
  await runWorkload(workload, count === 1 ? {} : {part: {index: 0, count}})
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

export async function benchWorkers(): Promise<BenchRow[]> {
  if (!existsSync(join(ROOT, 'dist', 'runner', 'workers', 'worker-entry.js'))) throw new Error('run "npm run build" first: workers run the compiled dist/')
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-workers-'))
  const file = join(dir, 'workload.yaml')
  writeFileSync(file, WORKLOAD)
  const longFile = join(dir, 'long.yaml')
  writeFileSync(longFile, zeroLatencyWorkloadText(LONG_OPERATIONS))
  const one: number[] = []
  const two: number[] = []
  // Alternated, so drift in the machine's load touches both alike.
  for (let i = 0; i < REPETITIONS; i++) {
    one.push(await endToEnd(file, 1))
    two.push(await endToEnd(file, 2))
  }
  const headroomBefore = await headroomRow('run.machine.two-thread-headroom.before')
  const longOne: number[] = []
  const longTwo: number[] = []
  for (let i = 0; i < LONG_REPETITIONS; i++) {
    longOne.push(await endToEnd(longFile, 1, LONG_OPERATIONS))
    longTwo.push(await endToEnd(longFile, 2, LONG_OPERATIONS))
  }
  const longSpeedUp = median(longTwo) / median(longOne)
  const headroomAfter = await headroomRow('run.machine.two-thread-headroom.after')
  await cpuMs(1)
  const wholeCpu: number[] = []
  const halfCpu: number[] = []
  for (let i = 0; i < REPETITIONS; i++) {
    wholeCpu.push(await cpuMs(1))
    halfCpu.push(await cpuMs(2))
  }
  const share = median(halfCpu) / median(wholeCpu)
  const setup = `builtin zero-latency, zipfian 0.99 over 1M keys, 95/5, LRU 100k, concurrency 32, ${OPERATIONS / 1e6}M ops, median of ${REPETITIONS}, ${availableParallelism()} CPUs`
  return [
    {name: 'run.workers-1.end-to-end', value: Math.round(median(one)), unit: 'ops/s', note: `node bin/run.js run … --workers 1; ${setup}`},
    {name: 'run.workers-2.end-to-end', value: Math.round(median(two)), unit: 'ops/s', note: '--workers 2: two threads, each drawing the whole stream and running its half'},
    {
      name: 'run.workers-2.vs-1',
      value: Number((median(two) / median(one)).toFixed(3)),
      unit: 'ratio',
      note: `end-to-end speed-up of a second worker thread; needs two idle CPUs (load average ${loadavg()[0].toFixed(1)} when measured)`,
    },
    {
      name: 'run.workers-2.vs-1.long',
      value: Number(longSpeedUp.toFixed(3)),
      unit: 'ratio',
      note: `the same at ${LONG_OPERATIONS / 1e6}M ops, alternated, median of ${LONG_REPETITIONS}: ${Math.round(median(longOne))} vs ${Math.round(median(longTwo))} ops/s; goal ≥ ${SPEED_UP_GOAL} (0.8 × 2 workers): ${longSpeedUp >= SPEED_UP_GOAL ? 'met' : 'not met'} (load average ${loadavg()[0].toFixed(1)})`,
    },
    headroomBefore,
    headroomAfter,
    {
      name: 'run.part-of-2.cpu-share',
      value: Number(share.toFixed(3)),
      unit: 'ratio',
      note: `CPU time of one part of two ÷ the whole run's, in one thread; bounds the speed-up of 2 workers at ${(1 / share).toFixed(2)}×`,
    },
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchWorkers()) console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
}
