import {parentPort, workerData} from 'node:worker_threads'
import {rememberZetas} from '../../generators/zeta.js'
import {runWorkload} from '../run-workload.js'
import type {ConstantsMessage, StopMessage, WorkerMessage, WorkerTask} from './worker-messages.js'

/** One worker thread: runs its part of the workload and posts the result back. */
async function main(): Promise<void> {
  const port = parentPort
  if (port === null) throw new Error('the worker entry runs only as a worker thread')
  const task = workerData as WorkerTask
  const stop = new AbortController()
  let go: (() => void) | undefined
  const started = new Promise<void>((resolve) => (go = resolve))
  let constantsArrived: (() => void) | undefined
  const constants = new Promise<void>((resolve) => (constantsArrived = resolve))
  port.on('message', (message: StopMessage | ConstantsMessage) => {
    if (message.type === 'constants') {
      rememberZetas(message.zetas)
      constantsArrived?.()
      return
    }
    if (message.type === 'stop') stop.abort()
    // A stopped worker waits for no one: its load sees the abort and ends at once.
    go?.()
    constantsArrived?.()
  })
  const post = (message: WorkerMessage): void => port.postMessage(message)
  try {
    await constants
    const result = await runWorkload(task.workload, {
      ...task.options,
      part: task.part,
      signal: stop.signal,
      // Connected and set up: the schedule starts when every worker's does, so that no worker's
      // warm-up or measured load shares the cores with another one still loading its modules.
      beforeLoad: () => {
        post({type: 'ready'})
        return started
      },
      onProgress: (snapshot) => post({type: 'progress', snapshot}),
    })
    post({type: 'result', result})
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    post({type: 'error', error: {name: failure.name, message: failure.message, stack: failure.stack}})
  } finally {
    // The message listener would keep the thread alive.
    port.close()
  }
}

await main()
