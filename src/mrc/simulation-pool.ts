import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {InputError} from '../errors.js'
import {checkMemoryFor} from '../runner/memory-check.js'
import {startWorkerBeside} from '../threads/worker-beside.js'
import type {Workload} from '../workload/types.js'
import type {MrcPoint} from './mrc-result.js'
import {KeyTapes} from '../generators/key-tape.js'
import {simulateSize} from './simulate-size.js'
import type {SizeUnit} from './size-grid.js'

/** What one worker thread is given: plain data, since it crosses the thread boundary. */
export interface SimulationTask {
  workload: Workload
  unit: SizeUnit
  sizes: number[]
  /** The indexes into `sizes` this worker simulates. */
  indexes: number[]
}

export type SimulationMessage = {type: 'point'; index: number; point: MrcPoint} | {type: 'error'; name: string; message: string}

/** Threads to use when not told: one per core, no more than there are sizes. */
export function defaultThreads(points: number): number {
  return Math.max(1, Math.min(points, availableParallelism()))
}

/**
 * Simulates the workload at every size, `threads` sizes at a time on worker threads (each size
 * is an independent run of the built-in engine); in this thread when `threads` is 1.
 * `onPoint` hears of each point as it is done, for progress.
 */
export async function simulateSizes(workload: Workload, unit: SizeUnit, sizes: number[], threads: number, onPoint?: (done: number) => void): Promise<MrcPoint[]> {
  const points: MrcPoint[] = new Array(sizes.length)
  let done = 0
  const record = (index: number, point: MrcPoint): void => {
    points[index] = point
    onPoint?.(++done)
  }
  if (threads <= 1) {
    const keyTapes = new KeyTapes()
    for (const [index, size] of sizes.entries()) record(index, await simulateSize(workload, unit, size, keyTapes))
    return points
  }
  checkMemoryFor(workload, Math.min(threads, sizes.length), 'threads')
  // Largest sizes first, dealt round-robin, so no thread is left with all the slow ones.
  const order = sizes.map((_, index) => index).reverse()
  const shares = Array.from({length: Math.min(threads, sizes.length)}, (_, worker) => order.filter((_, position) => position % threads === worker))
  const workers = shares.map((indexes) => startWorkerBeside(import.meta.url, './simulation-worker', {workload, unit, sizes, indexes} satisfies SimulationTask))
  try {
    await Promise.all(workers.map((worker, at) => collect(worker, shares[at].length, record)))
    return points
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

function collect(worker: Worker, expected: number, record: (index: number, point: MrcPoint) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0
    worker.on('message', (message: SimulationMessage) => {
      if (message.type === 'error') {
        reject(message.name === 'InputError' ? new InputError(message.message) : new Error(message.message))
        return
      }
      record(message.index, message.point)
      if (++received === expected) resolve()
    })
    worker.on('error', reject)
    worker.on('exit', (code) => {
      if (received < expected) reject(new Error(`a simulation thread stopped after ${received} of ${expected} sizes (exit code ${code}).`))
    })
  })
}
