import type {RedisClient} from '../../targets/redis/command-channel.js'
import {readGroupInfos, readPendingCount} from './stream-replies.js'

/**
 * `XGROUP CREATE key group $ MKSTREAM` for every stream and group: a group created at `$` sees
 * only what is added after it, as a live dashboard would; `0` reads the stream from its start.
 */
export async function createGroups(client: RedisClient, keys: readonly string[], groups: readonly string[], start: '$' | '0' = '$'): Promise<void> {
  for (const key of keys) {
    await Promise.all(groups.map((group) => client.call('XGROUP', 'CREATE', key, group, start, 'MKSTREAM')))
  }
}

/** One group's figures over all streams, as the server reports them. */
export interface GroupSample {
  /** Per stream, XINFO GROUPS `lag`: null where the server could not tell (or is older than 7). */
  lags: Map<string, number | null>
  /** Σ XINFO GROUPS `pending`: delivered to a consumer, not yet acknowledged. */
  pending: number
  /** Per stream, the ID of the last entry delivered to the group. */
  lastDeliveredIds: Map<string, string>
}

/** XINFO GROUPS on every stream, summed per group. */
export async function sampleGroups(client: RedisClient, keys: readonly string[]): Promise<Map<string, GroupSample>> {
  const replies = await Promise.all(keys.map((key) => client.call('XINFO', 'GROUPS', key)))
  const samples = new Map<string, GroupSample>()
  replies.forEach((reply, i) => {
    for (const info of readGroupInfos(reply)) {
      let sample = samples.get(info.name)
      if (!sample) {
        sample = {lags: new Map(), pending: 0, lastDeliveredIds: new Map()}
        samples.set(info.name, sample)
      }
      sample.lags.set(keys[i], info.lag)
      sample.pending += info.pending
      sample.lastDeliveredIds.set(keys[i], info.lastDeliveredId)
    }
  })
  return samples
}

/** Σ of the XPENDING summary counts of `group` over the streams. */
export async function pendingEntries(client: RedisClient, keys: readonly string[], group: string): Promise<number> {
  const replies = await Promise.all(keys.map((key) => client.call('XPENDING', key, group)))
  return replies.reduce<number>((sum, reply) => sum + readPendingCount(reply), 0)
}

/**
 * Entries still in the streams that the group has not been handed: those after its last
 * delivered ID. Counted with XRANGE (bounded by the streams' length, at most `maxlen` and a
 * node or so each) because XINFO's `lag` on Redis 7.0 also counts entries trimmed away unread.
 */
export async function unreadEntries(client: RedisClient, lastDeliveredIds: Map<string, string>, limit: number): Promise<number> {
  const counts = await Promise.all(
    [...lastDeliveredIds].map(async ([key, id]) => {
      const entries = (await client.call('XRANGE', key, `(${id}`, '+', 'COUNT', String(limit))) as unknown[]
      return entries.length
    }),
  )
  return counts.reduce((sum, count) => sum + count, 0)
}
