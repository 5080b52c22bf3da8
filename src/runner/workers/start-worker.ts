import {createRequire} from 'node:module'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'
import type {WorkerTask} from './worker-messages.js'

/**
 * Starts a worker thread on the entry beside this module: the compiled JavaScript when running
 * from dist/, or the TypeScript source through tsx when running from src/ (bin/dev.js, tests).
 */
export function startWorker(task: WorkerTask): Worker {
  const here = import.meta.url
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker-entry.js', here), {workerData: task})
  const entry = new URL('./worker-entry.ts', here).href
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({register}) => { register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, {eval: true, workerData: task})
}
