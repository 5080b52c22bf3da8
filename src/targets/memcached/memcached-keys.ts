import {InputError} from '../../errors.js'
import {keyLength} from '../../engine/item-size.js'

/** memcached refuses longer keys. */
export const MAX_KEY_BYTES = 250

/**
 * Checks up front that every key of the run (prefix + `k:<id>`) is one memcached accepts, so a
 * bad --key-prefix is an input error rather than a run where every command fails. Whitespace
 * and control characters are refused even though the binary protocol would carry them: other
 * clients of the same server (its text protocol, monitoring tools) could not name such keys.
 */
export function checkMemcachedKeys(keyPrefix: string, keyCount: number): void {
  if (/[\s\x00-\x1f\x7f]/.test(keyPrefix)) {
    throw new InputError(`The key prefix "${keyPrefix}" contains whitespace or a control character, which memcached keys cannot hold.`)
  }
  const longest = Buffer.byteLength(keyPrefix) + keyLength(Math.max(0, keyCount - 1))
  if (longest > MAX_KEY_BYTES) {
    throw new InputError(`The key prefix "${keyPrefix}" makes memcached keys up to ${longest} bytes long; memcached allows at most ${MAX_KEY_BYTES}.`)
  }
}
