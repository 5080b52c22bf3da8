/**
 * Readers for the RESP2 replies of the stream commands (connections pin RESP2; see
 * targets/redis/client-options.ts). Field names and shapes as the Redis 7 command reference
 * gives them: XREADGROUP → [[key, [[id, [field, value, …] | nil], …]], …] | nil;
 * XINFO GROUPS → one flat [name, value, …] list per group; XPENDING key group → [count, …].
 */

/** One entry a group handed to a consumer; `fields` is null for a pending entry trimmed since. */
export interface StreamEntry {
  key: string
  id: string
  fields: Map<string, Buffer> | null
}

export function readGroupEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return []
  const entries: StreamEntry[] = []
  for (const [key, items] of reply as Array<[Buffer, Array<[Buffer, Buffer[] | null]>]>) {
    const keyText = key.toString()
    for (const [id, flat] of items) entries.push({key: keyText, id: id.toString(), fields: flat ? pairs(flat) : null})
  }
  return entries
}

function pairs(flat: Buffer[]): Map<string, Buffer> {
  const fields = new Map<string, Buffer>()
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i].toString(), flat[i + 1])
  return fields
}

/** What XINFO GROUPS says of one group; `lag` and `entriesRead` are null where Redis cannot tell (or is older than 7). */
export interface GroupInfo {
  name: string
  consumers: number
  pending: number
  lastDeliveredId: string
  entriesRead: number | null
  lag: number | null
}

export function readGroupInfos(reply: unknown): GroupInfo[] {
  if (!Array.isArray(reply)) return []
  return (reply as unknown[][]).map((flat) => {
    const field = new Map<string, unknown>()
    for (let i = 0; i + 1 < flat.length; i += 2) field.set(String(flat[i]), flat[i + 1])
    return {
      name: String(field.get('name')),
      consumers: Number(field.get('consumers') ?? 0),
      pending: Number(field.get('pending') ?? 0),
      lastDeliveredId: String(field.get('last-delivered-id') ?? '0-0'),
      entriesRead: numberOrNull(field.get('entries-read')),
      lag: numberOrNull(field.get('lag')),
    }
  })
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

/** XPENDING's summary form: the first element is the group's pending count. */
export function readPendingCount(reply: unknown): number {
  return Array.isArray(reply) ? Number(reply[0] ?? 0) : 0
}
