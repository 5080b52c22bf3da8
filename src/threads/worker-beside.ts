import {createRequire} from 'node:module'
import {pathToFileURL} from 'node:url'
import {Worker, type TransferListItem} from 'node:worker_threads'

/**
 * Starts a worker thread on the module `entry` (without extension) relative to `here`, the
 * caller's import.meta.url: the compiled JavaScript when running from dist/, or the TypeScript
 * source through tsx when running from src/ (bin/dev.js, tests).
 */
export function startWorkerBeside(here: string, entry: string, workerData: unknown, transferList?: TransferListItem[]): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`${entry}.js`, here), {workerData, transferList})
  const source = new URL(`${entry}.ts`, here).href
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({register}) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(bootstrap, {eval: true, workerData, transferList})
}
