import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {WORKLOAD_SCHEMA_ID, workloadJsonSchema, workloadJsonSchemaText} from '../../src/workload/json-schema.js'
import {DISTRIBUTION_NAMES, ENGINE_EVICTION_NAMES} from '../../src/workload/types.js'

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', 'schema', 'workload.schema.json')

type Node = {
  properties?: Record<string, Node>
  required?: string[]
  additionalProperties?: boolean
  enum?: unknown[]
  default?: unknown
  anyOf?: Node[]
}

describe('workload JSON Schema', () => {
  it('in schema/ is what the zod schema emits today (regenerate: npx tsx scripts/write-schema.js --from-source)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(workloadJsonSchemaText())
  })

  it('identifies itself', () => {
    const schema = workloadJsonSchema()
    expect(schema.$id).toBe(WORKLOAD_SCHEMA_ID)
    expect(schema.$id).toBe('cache-bench.workload/v1')
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.title).toBe('cache-bench workload')
    expect(typeof schema.description).toBe('string')
  })

  it('describes the input format: required version, closed objects, enums and defaults', () => {
    const schema = workloadJsonSchema() as Node
    expect(schema.required).toEqual(['version'])
    expect(schema.additionalProperties).toBe(false)
    const sections = schema.properties ?? {}
    expect(Object.keys(sections)).toEqual([
      '$schema', 'version', 'name', 'description', 'seed', 'keyspace', 'values', 'mix', 'structures', 'strategy', 'origin', 'cache', 'load',
      'thresholds',
      'phases',
      'events',
      'trace',
      'messaging',
    ])
    const keyspace = sections.keyspace
    expect(keyspace.additionalProperties).toBe(false)
    expect(keyspace.properties?.distribution.enum).toEqual([...DISTRIBUTION_NAMES])
    expect(keyspace.properties?.count.default).toBe(100_000)
    expect(sections.cache.properties?.eviction.enum).toEqual([...ENGINE_EVICTION_NAMES])
    expect(sections.mix.default).toEqual({read: 95, write: 5})
    // Defaults are shown as users write them, not as normalised values.
    expect(sections.values.properties?.size.default).toBe('1KiB')
    expect(sections.origin.properties?.latency.default).toBe('2ms')
  })
})
