import type {Worker} from 'node:worker_threads'
import {InputError} from '../../errors.js'
import {startWorkerBeside} from '../../threads/worker-beside.js'

/** What a pool thread posts: a task begun, a task's answer, or the error that stopped it. */
export type PoolMessage<T> = {type: 'started'; index: number} | {type: 'done'; index: number; value: T} | {type: 'error'; name: string; message: string}

/** What the pool posts a thread: the next task to run. */
export interface PoolTask {
  type: 'task'
  index: number
}

/** What a pool thread is given: the pool's shared data. */
export interface PoolData<D> {
  data: D
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
 * Runs `tasks` independent tasks on `threads` worker threads and returns their answers in task
 * order. Tasks are dealt in order, the next to whichever thread is free, so a thread that drew
 * long tasks is not left working alone while the others are done (dealt round-robin up front, a
 * matrix whose heavy cells sit at one stride ran them on one thread). The entry runs its tasks
 * with `serveTasks`. An input error in a thread comes back as an InputError, so it keeps its
 * exit code.
 */
export async function runOnThreads<D, T>(run: ThreadPoolRun<D, T>): Promise<T[]> {
  const answers: T[] = new Array(run.tasks)
  const threads = Math.max(1, Math.min(run.threads, run.tasks))
  const workers = Array.from({length: threads}, () => startWorkerBeside(run.here, run.entry, {data: run.data} satisfies PoolData<D>))
  let dealt = 0
  const deal = (worker: Worker): void => {
    if (dealt < run.tasks) worker.postMessage({type: 'task', index: dealt++} satisfies PoolTask)
  }
  try {
    await new Promise<void>((resolve, reject) => {
      let received = 0
      for (const worker of workers) {
        worker.on('message', (message: PoolMessage<T>) => {
          if (message.type === 'error') {
            reject(message.name === 'InputError' ? new InputError(message.message) : new Error(message.message))
          } else if (message.type === 'started') {
            run.onStarted?.(message.index)
          } else {
            answers[message.index] = message.value
            if (++received === run.tasks) resolve()
            else deal(worker)
          }
        })
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (received < run.tasks) reject(new Error(`a worker thread stopped after ${received} of ${run.tasks} tasks (exit code ${code}).`))
        })
        deal(worker)
      }
    })
    return answers
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/** The thread's side: runs each task it is dealt, posting when it starts and what it gives; the pool ends the thread when all are done. */
export function serveTasks<D, T>(
  port: {postMessage(message: PoolMessage<T>): void; on(event: 'message', listener: (task: PoolTask) => void): void},
  pool: PoolData<D>,
  task: (data: D, index: number) => Promise<T>,
): void {
  port.on('message', ({index}) => {
    port.postMessage({type: 'started', index})
    task(pool.data, index).then(
      (value) => port.postMessage({type: 'done', index, value}),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error))
        port.postMessage({type: 'error', name: failure.name, message: failure.message})
      },
    )
  })
}
