import {InputError} from '../errors.js'
import type {CacheTarget} from './cache-target.js'
import type {TargetOptions} from './target-options.js'

/**
 * A benchmark must never damage the cache it measures: every key it writes (and later deletes)
 * lives under its prefix, so the prefix has to set the run's keys apart from everyone else's.
 */
export const MIN_KEY_PREFIX_LENGTH = 3

const OWN_KEYSPACE_HINT = 'add --own-keyspace only if every key on the server may be overwritten and deleted'

/** Refuses an empty or too short prefix on a real server, before anything is sent. */
export function checkKeyPrefix(options: TargetOptions): void {
  if (options.ownKeyspace) return
  const prefix = options.keyPrefix
  if ([...prefix].length < MIN_KEY_PREFIX_LENGTH) {
    const shown = prefix === '' ? 'an empty --key-prefix' : `--key-prefix "${prefix}"`
    throw new InputError(
      `${shown} would mix the run's keys with the server's other data: give a prefix of at least ${MIN_KEY_PREFIX_LENGTH} characters such as "bench:", or ${OWN_KEYSPACE_HINT}.`,
    )
  }
}

/** Refuses a prefix under which the server already holds keys, before the run's first write. */
export async function refuseOccupiedPrefix(target: CacheTarget, options: TargetOptions): Promise<void> {
  if (options.ownKeyspace || !target.findExistingKey) return
  const found = await target.findExistingKey()
  if (found === null) return
  throw new InputError(
    `${target.displayUrl} already holds keys under the prefix "${options.keyPrefix}" (for example "${found}"), which the run would overwrite and delete: choose another --key-prefix, or ${OWN_KEYSPACE_HINT}.`,
  )
}
