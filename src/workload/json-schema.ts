/**
 * The JSON Schema of workload files, emitted from the same zod schema that validates them, for
 * editors (`# yaml-language-server: $schema=…`) and for other tools.
 */
import {z} from 'zod'
import {workloadSchema} from './schema.js'

export const WORKLOAD_SCHEMA_ID = 'cache-bench.workload/v1'

export function workloadJsonSchema(): Record<string, unknown> {
  // Input side: what people write (unit strings, shorthands), not the normalised result.
  const {$schema, ...body} = z.toJSONSchema(workloadSchema, {io: 'input', target: 'draft-2020-12'})
  return {$schema, $id: WORKLOAD_SCHEMA_ID, ...body}
}

/** The text of schema/workload.schema.json: stable key order, two-space indent, final newline. */
export function workloadJsonSchemaText(): string {
  return `${JSON.stringify(workloadJsonSchema(), null, 2)}\n`
}
