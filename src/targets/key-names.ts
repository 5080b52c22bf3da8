import {keyName} from '../engine/item-size.js'
import {grownLength} from '../engine/typed-array-growth.js'

/** Key names kept for ids below this (about 50 MiB at most); larger ids are built per command. */
export const KEY_NAME_CACHE_LIMIT = 1 << 20

/**
 * A key's name on a server: the run's prefix, then the engine's name for the id. Built once per
 * key: formatting the number and flattening the concatenation on every command was a visible
 * share of a client's time (a twentieth of a pipelined memcached GET's CPU in a profile).
 */
export class KeyNames {
  private names: Array<string | undefined>

  constructor(
    private readonly prefix: string,
    keyCount: number,
  ) {
    // Sized up front: filling a growing array at random indices would make it a slow sparse one.
    this.names = new Array(Math.min(keyCount, KEY_NAME_CACHE_LIMIT))
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    const old = this.names
    if (count <= old.length || old.length === KEY_NAME_CACHE_LIMIT) return
    // A new holey array of the larger length, filled where the old one was: never a sparse one.
    this.names = new Array(Math.min(grownLength(old.length, count), KEY_NAME_CACHE_LIMIT))
    for (let key = 0; key < old.length; key++) if (old[key] !== undefined) this.names[key] = old[key]
  }

  of(key: number): string {
    if (key >= KEY_NAME_CACHE_LIMIT) return this.prefix + keyName(key)
    return (this.names[key] ??= this.prefix + keyName(key))
  }
}
