import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
let cached: {script: string; style: string} | undefined

/**
 * uPlot (MIT, about 51 KB minified) read from its npm package when the first report is rendered,
 * so every HTML report carries its chart library inline and opens without a network.
 */
export function uplotAssets(): {script: string; style: string} {
  cached ??= {
    script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    style: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  }
  return cached
}
