// Writes schema/workload.schema.json from the workload schema, so the published JSON Schema and
// the validator can never disagree. `npm run build` runs it on the compiled output; before a
// build, `npx tsx scripts/write-schema.js --from-source` runs it on the TypeScript sources.
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const fromSource = process.argv.includes('--from-source')
const module = await import(fromSource ? '../src/workload/json-schema.ts' : '../dist/workload/json-schema.js')
const target = fileURLToPath(new URL('../schema/workload.schema.json', import.meta.url))
mkdirSync(dirname(target), {recursive: true})
writeFileSync(target, module.workloadJsonSchemaText())
console.log(`wrote ${target}`)
