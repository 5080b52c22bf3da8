import type {CacheEngine} from '../engine/cache-engine.js'
import type {LeaseTable} from '../engine/lease-table.js'
import type {CachedValue, CacheLeases, LeaseGetAnswer} from './cache-target.js'

/** Leases on the builtin engine: one command each, paying the modelled command latency like any other. */
export class BuiltinLeases implements CacheLeases {
  constructor(
    private readonly engine: CacheEngine,
    private readonly table: LeaseTable,
    private readonly commandLatency: () => Promise<void> | undefined,
  ) {}

  async get(key: number): Promise<LeaseGetAnswer> {
    await this.commandLatency()
    return this.getNow(key)
  }

  async set(key: number, value: CachedValue, ttlMs: number | null, token: number): Promise<boolean> {
    await this.commandLatency()
    return this.setNow(key, value, ttlMs, token)
  }

  /** What a lease get does when it arrives. */
  getNow(key: number): LeaseGetAnswer {
    const slot = this.engine.lookup(key)
    if (slot >= 0) {
      const value = {version: this.engine.version(slot), committedAt: this.engine.committedAt(slot), size: this.engine.size(slot)}
      return {kind: 'hit', value}
    }
    const token = this.table.acquire(key)
    return token === null ? {kind: 'wait'} : {kind: 'lease', token}
  }

  /** What a lease set does when it arrives. */
  setNow(key: number, value: CachedValue, ttlMs: number | null, token: number): boolean {
    if (!this.table.redeem(key, token)) return false
    this.engine.set(key, value.version, value.committedAt, value.size, ttlMs)
    return true
  }
}
