import {readFileSync} from 'node:fs'

/** The package's own name and version, read once from package.json (one level above src/ and dist/). */
export const TOOL: {name: string; version: string} = (() => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string
    version: string
  }
  return {name: manifest.name, version: manifest.version}
})()
