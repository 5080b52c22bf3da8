import type {Worker} from 'node:worker_threads'
import {InputError} from '../../errors.js'
import {startWorkerBeside} from '../../threads/worker-beside.js'

/** What a pool thread posts: a task begun, a task's answer, or the error that stopped it. */
export type PoolMessage<T> = {type: 'started'; index: number} | {type: 'done'; index: number; value: T} | {type: 'error'; name: string; message: string}

/** What a pool thread is given: the pool's shared data and the indexes of its tasks. */
export interface PoolShare<D> {
  data: D
  indexes: number[]
}

export interface ThreadPoolRun<D, T> {
  /** import.meta.url of the module beside which `entry` lies, and the entry without extension. */
  here: string
  entry: string
  data: D
  tasks: number
  threads: number
  onStarted?(index: number): void
}

/**
 * Runs `tasks` independent tasks on `threads` worker threads, dealt round-robin, and returns
 * their answers in task order. The entry runs its share with `serveShare`. An input error in a
 * thread comes back as an InputError, so it keeps its exit code.
 */
export async function runOnThreads<D, T>(run: ThreadPoolRun<D, T>): Promise<T[]> {
  const answers: T[] = new Array(run.tasks)
  const threads = Math.max(1, Math.min(run.threads, run.tasks))
  const shares = Array.from({length: threads}, (_, thread) => Array.from({length: run.tasks}, (_, index) => index).filter((index) => index % threads === thread))
  const workers = shares.map((indexes) => startWorkerBeside(run.here, run.entry, {data: run.data, indexes} satisfies PoolShare<D>))
  try {
    await Promise.all(workers.map((worker, at) => collect(worker, shares[at].length, answers, run.onStarted)))
    return answers
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

function collect<T>(worker: Worker, expected: number, answers: T[], onStarted: ((index: number) => void) | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0
    worker.on('message', (message: PoolMessage<T>) => {
      if (message.type === 'error') {
        reject(message.name === 'InputError' ? new InputError(message.message) : new Error(message.message))
        return
      }
      if (message.type === 'started') {
        onStarted?.(message.index)
        return
      }
      answers[message.index] = message.value
      if (++received === expected) resolve()
    })
    worker.on('error', reject)
    worker.on('exit', (code) => {
      if (received < expected) reject(new Error(`a worker thread stopped after ${received} of ${expected} tasks (exit code ${code}).`))
    })
  })
}

/** The thread's side: runs each task of its share in turn, posting when it starts and what it gives. */
export async function serveShare<D, T>(port: {postMessage(message: PoolMessage<T>): void}, share: PoolShare<D>, task: (data: D, index: number) => Promise<T>): Promise<void> {
  try {
    for (const index of share.indexes) {
      port.postMessage({type: 'started', index})
      port.postMessage({type: 'done', index, value: await task(share.data, index)})
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    port.postMessage({type: 'error', name: failure.name, message: failure.message})
  }
}
