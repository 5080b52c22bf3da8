import {readNamedTextFile} from '../read-text-file.js'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'
import {z} from 'zod'
import {InputError} from '../errors.js'
import {describeFirstIssue, fallbackWording} from '../workload/messages.js'
import {parseSize} from '../workload/units.js'

/** Both src/plan/ and dist/plan/ sit two levels below the package root. */
export const BUNDLED_CATALOG = fileURLToPath(new URL('../../catalogs/elasticache.yaml', import.meta.url))

export interface NodeType {
  name: string
  memoryBytes: number
  vcpus: number
  network: string
  pricePerHour: number
}

export interface Catalog {
  file: string
  source: string
  checked: string | null
  region: string
  currency: string
  redisReservedMemoryPercent: number
  memcachedConnectionsOverheadBytes: number
  nodeTypes: NodeType[]
}

const size = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    const bytes = parseSize(value)
    if (bytes > 0) return bytes
  } catch {
    // reported below
  }
  ctx.issues.push({code: 'custom', input: value, message: `"${value}" is not a positive size such as 13.07GiB`})
  return z.NEVER
})

const DATE_REQUIREMENT = 'must be a date such as 2026-11-29, or null'
/** YAML reads 2026-11-29 as a date, and a quoted one as text: both must be a day of the calendar. */
const checkedDate = z.union([z.iso.date({error: DATE_REQUIREMENT}), z.date().transform((date) => date.toISOString().slice(0, 10))], {error: DATE_REQUIREMENT})

const catalogSchema = z.strictObject({
  version: z.literal(1),
  source: z.string().min(1),
  checked: checkedDate.nullable(),
  region: z.string().min(1),
  currency: z.string().min(1),
  redisReservedMemoryPercent: z.number().min(0).max(99),
  memcachedConnectionsOverhead: size,
  nodeTypes: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        memory: size,
        vcpus: z.number().int().positive(),
        network: z.string(),
        pricePerHour: z.number().positive(),
      }),
    )
    .min(1, {error: 'must list at least one node type'}),
})

/** Reads a node-type catalog; any problem is one sentence naming the file and the field. */
export function loadCatalog(file = BUNDLED_CATALOG): Catalog {
  let raw: unknown
  const text = readNamedTextFile(file, 'catalog file')
  try {
    raw = parse(text)
  } catch (error) {
    throw new InputError(`catalog ${file}: not valid YAML (${(error as Error).message.split('\n')[0]}).`)
  }
  // Worded as a workload file's problems are: the field, what it must be, what it was, and the
  // nearest name for an unknown one. An unknown field first: a misspelt required one ("regoin")
  // is also reported missing, and the misspelling is what to fix.
  const result = catalogSchema.safeParse(raw, {error: fallbackWording, reportInput: true})
  if (!result.success) {
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'))
    throw new InputError(describeFirstIssue(issues, () => `catalog ${file}`, 'the catalog'))
  }
  const {memcachedConnectionsOverhead, nodeTypes, ...rest} = result.data
  const names = new Set<string>()
  nodeTypes.forEach((node, index) => {
    if (names.has(node.name)) throw new InputError(`catalog ${file}: nodeTypes[${index}].name: "${node.name}" is listed twice.`)
    names.add(node.name)
  })
  return {
    file,
    ...rest,
    memcachedConnectionsOverheadBytes: memcachedConnectionsOverhead,
    nodeTypes: nodeTypes.map(({memory, ...node}) => ({...node, memoryBytes: memory})),
  }
}
