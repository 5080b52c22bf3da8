import {parentPort, workerData} from 'node:worker_threads'
import {KeyTapes} from '../generators/key-tape.js'
import type {SimulationTask, SimulationMessage} from './simulation-pool.js'
import {simulateSize} from './simulate-size.js'

/** One worker thread: simulates its share of a curve's sizes, posting each point as it is done. */
async function main(): Promise<void> {
  const port = parentPort
  if (port === null) throw new Error('the simulation worker runs only as a worker thread')
  const task = workerData as SimulationTask
  const post = (message: SimulationMessage): void => port.postMessage(message)
  const keyTapes = new KeyTapes()
  try {
    for (const index of task.indexes) {
      post({type: 'point', index, point: await simulateSize(task.workload, task.unit, task.sizes[index], keyTapes)})
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    post({type: 'error', name: failure.name, message: failure.message})
  }
}

await main()
