import {z} from 'zod'
import {MAX_STRUCTURE_SIZE} from '../limits.js'
import {crossFieldIssue, duration, wholeNumber} from '../fields.js'
import type {HashesSpec, ListsSpec, SortedSetsSpec, StructuresSpec} from '../types.js'

const sortedSets: z.ZodType<SortedSetsSpec, unknown> = z
  .strictObject({
    keys: wholeNumber(1, 'Number of sorted sets (leaderboards); each operation picks one uniformly.', MAX_STRUCTURE_SIZE).prefault(4),
    members: wholeNumber(1, 'Members per sorted set, picked by the keyspace distribution over this count.', MAX_STRUCTURE_SIZE).prefault(10_000),
    top: wholeNumber(1, 'Entries zrevrange reads from the top (highest scores).', MAX_STRUCTURE_SIZE).prefault(10),
    increment: z.number({error: 'must be a number'}).meta({description: 'Score each zincrby adds (negative subtracts).'}).prefault(1),
  })
  .check((ctx) => {
    const {top, members} = ctx.value
    if (top > members) ctx.issues.push(crossFieldIssue(ctx.value, 'top', `(${top}) must be at most structures.sortedSets.members (${members})`, ['members']))
  })
  .meta({description: 'Sorted sets for zincrby, zrevrange and zrank.'})

const hashes: z.ZodType<HashesSpec, unknown> = z
  .strictObject({
    fields: wholeNumber(1, 'Fields per hash; hset writes one, picked uniformly, sized values.size / fields.', MAX_STRUCTURE_SIZE).prefault(8),
    ttl: duration({positive: true, description: 'Time to live that expire sets on a hash.'}).prefault('30m'),
  })
  .transform(({fields, ttl}): HashesSpec => ({fields, ttlMs: ttl}))
  .meta({description: 'Hashes (one per key of the keyspace, e.g. sessions) for hset, hgetall and expire.'})

const lists: z.ZodType<ListsSpec, unknown> = z
  .strictObject({
    keys: wholeNumber(1, 'Number of lists (feeds); each operation picks one uniformly.', MAX_STRUCTURE_SIZE).prefault(16),
    maxLength: wholeNumber(1, 'lpush trims the list to this many entries, newest first.', MAX_STRUCTURE_SIZE).prefault(100),
    range: wholeNumber(1, 'Entries lrange reads from the head (newest first).', MAX_STRUCTURE_SIZE).prefault(20),
  })
  .check((ctx) => {
    const {range, maxLength} = ctx.value
    if (range > maxLength) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'range', `(${range}) must be at most structures.lists.maxLength (${maxLength})`, ['maxLength']))
    }
  })
  .meta({description: 'Capped lists for lpush (with trim) and lrange.'})

export const structuresSection: z.ZodType<StructuresSpec, unknown> = z
  .strictObject({
    sortedSets: sortedSets.prefault({}),
    hashes: hashes.prefault({}),
    lists: lists.prefault({}),
  })
  .meta({description: 'Parameters of the Redis data-structure operations of the mix (read only when the mix uses them).'})
