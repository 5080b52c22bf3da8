// Writes oclif.manifest.json from the compiled commands. Without it, every start of the CLI
// imports every command module (and with them ioredis, zod, the trace readers, …) just to list
// the command IDs: about a second per start. With it, only the command being run is loaded.
// `npm run build` runs it after compiling, so the manifest never lags behind the commands.
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Config} from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = fileURLToPath(new URL('../oclif.manifest.json', import.meta.url))
// An old manifest would be read back instead of the commands as they are now.
rmSync(target, {force: true})
const {name} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const config = await Config.load(root)
const manifest = config.plugins.get(name)?.manifest
if (!manifest || Object.keys(manifest.commands).length === 0) {
  console.error('write-manifest: no commands found in dist/commands; was the build run?')
  process.exit(1)
}
writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`)
console.log(`wrote ${target} (${Object.keys(manifest.commands).length} commands)`)
