import {Worker} from 'node:worker_threads'
import {median, type BenchRow} from './bench-row.js'

/**
 * Whether this machine gives two threads two cores' worth of work right now. A shared machine's
 * second core may be busy with other tenants' work that no load average of ours shows: two
 * `--workers` were seen slower than one on a day the simulation's own CPU share bounded their
 * speed-up at 1.84×. The same fixed arithmetic loop (no memory beyond registers, nothing of
 * cache-bench) runs on one worker thread, then on two at once; the speed-up of two is what any
 * two-thread figure measured beside it could at most show.
 */

/** Iterations of the loop: about a quarter of a second of one core here. */
const ITERATIONS = 150_000_000
const ROUNDS = 3

// A 32-bit xorshift, summed so the loop cannot be optimised away; the thread posts its wall ms.
const LOOP = `
const {parentPort, workerData} = require('node:worker_threads')
const started = performance.now()
let x = 2463534242, sum = 0
for (let i = 0; i < workerData; i++) {
  x ^= x << 13; x ^= x >>> 17; x ^= x << 5
  sum = (sum + (x & 0xff)) | 0
}
parentPort.postMessage({ms: performance.now() - started, sum})
`

function loopOnThreads(threads: number): Promise<number> {
  const started = performance.now()
  const runs = Array.from(
    {length: threads},
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(LOOP, {eval: true, workerData: ITERATIONS})
        worker.once('message', () => resolve())
        worker.once('error', reject)
      }),
  )
  return Promise.all(runs).then(() => performance.now() - started)
}

/** Two threads' work per wall second ÷ one thread's, medians of alternated rounds: 2 on two free cores. */
export async function twoThreadHeadroom(): Promise<{speedUp: number; rounds: number[]}> {
  const rounds: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const one = await loopOnThreads(1)
    const two = await loopOnThreads(2)
    rounds.push((2 * one) / two)
  }
  return {speedUp: median(rounds), rounds}
}

/** The row a two-thread figure is read beside. */
export async function headroomRow(name: string): Promise<BenchRow> {
  const {speedUp, rounds} = await twoThreadHeadroom()
  return {
    name,
    value: Number(speedUp.toFixed(2)),
    unit: 'ratio',
    note: `a plain arithmetic loop on two threads at once against one (rounds ${rounds.map((r) => r.toFixed(2)).join(', ')}): 2 when both cores are free; what this machine left two threads just now`,
  }
}
