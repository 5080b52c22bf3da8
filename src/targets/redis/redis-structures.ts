import type {CachedValue} from '../cache-target.js'
import {
  memberId,
  memberName,
  requirePositiveCount,
  type ScoredMember,
  type StructureCommands,
  type StructureKeys,
} from '../structure-target.js'
import {decodeValue, encodeValue} from '../value-codec.js'
import {rethrowAsCommandError} from './command-errors.js'
import type {RedisClient} from './redis-connections.js'

/** Redis writes infinite scores as `inf` / `-inf`; every finite one as a round-trippable decimal. */
function parseScore(text: string): number {
  if (text === 'inf' || text === '+inf') return Number.POSITIVE_INFINITY
  if (text === '-inf') return Number.NEGATIVE_INFINITY
  return Number(text)
}

/** Values a run wrote, decoded; anything else under the key is not counted as ours. */
function decodeAll(buffers: Buffer[]): CachedValue[] {
  const values: CachedValue[] = []
  for (const buffer of buffers) {
    const value = decodeValue(buffer)
    if (value !== null) values.push(value)
  }
  return values
}

/**
 * The structure commands on a Redis server or cluster, over one or more ioredis clients (taken
 * in turn). Every command names a single key, so each goes to its key's node in a cluster;
 * LPUSH and LTRIM travel in one MULTI on that key, so no reader ever sees the list over its cap.
 * Keys are named and recorded for cleanup by `keys`; the caller deletes `keys.batches()` at the
 * end. Failed commands reject with a CacheCommandError, as the plain cache commands do.
 */
export function createRedisStructures(clients: RedisClient | readonly RedisClient[], keys: StructureKeys): StructureCommands {
  const pool = Array.isArray(clients) ? clients : [clients as RedisClient]
  let next = 0
  const client = (): RedisClient => {
    const chosen = pool[next]
    next = next + 1 === pool.length ? 0 : next + 1
    return chosen
  }

  return {
    zincrby(board, member, by) {
      return client().zincrby(keys.written('sortedSet', board), by, memberName(member)).then(parseScore, rethrowAsCommandError)
    },

    zrevrangeTop(board, n) {
      requirePositiveCount('zrevrangeTop', n)
      return client()
        .zrevrange(keys.name('sortedSet', board), 0, n - 1, 'WITHSCORES')
        .then((flat) => {
          const top: ScoredMember[] = []
          for (let index = 0; index + 1 < flat.length; index += 2) top.push({member: memberId(flat[index]), score: parseScore(flat[index + 1])})
          return top
        }, rethrowAsCommandError)
    },

    zrevrank(board, member) {
      return client().zrevrank(keys.name('sortedSet', board), memberName(member)).catch(rethrowAsCommandError)
    },

    hset(key, field, value) {
      return client()
        .hset(keys.written('hash', key), memberName(field), encodeValue(value))
        .then((added) => added === 1, rethrowAsCommandError)
    },

    hgetall(key) {
      return client()
        .hgetallBuffer(keys.name('hash', key))
        .then((reply) => {
          const fields = new Map<number, CachedValue>()
          for (const [field, buffer] of Object.entries(reply)) {
            const value = decodeValue(buffer)
            if (value !== null) fields.set(memberId(field), value)
          }
          // Redis answers an absent (or expired) hash with an empty one; a hash is never empty otherwise.
          return Object.keys(reply).length === 0 ? null : fields
        }, rethrowAsCommandError)
    },

    expire(key, ms) {
      // PEXPIRE takes whole milliseconds; at ≤ 0 it deletes the key, as the builtin does.
      return client()
        .pexpire(keys.name('hash', key), Math.round(ms))
        .then((set) => set === 1, rethrowAsCommandError)
    },

    lpushCapped(list, value, maxLength) {
      requirePositiveCount('lpushCapped', maxLength)
      const name = keys.written('list', list)
      return client()
        .multi()
        .lpush(name, encodeValue(value))
        .ltrim(name, 0, maxLength - 1)
        .exec()
        .then((replies) => {
          if (replies === null) throw new Error('LPUSH + LTRIM transaction was aborted')
          const failed = replies.find(([error]) => error !== null)
          if (failed) throw failed[0]
          return Math.min(Number(replies[0][1]), maxLength)
        })
        .catch(rethrowAsCommandError)
    },

    lrange(list, n) {
      requirePositiveCount('lrange', n)
      return client()
        .lrangeBuffer(keys.name('list', list), 0, n - 1)
        .then(decodeAll, rethrowAsCommandError)
    },
  }
}
