const NO_LEASE = 0

/**
 * Outstanding leases, one per key at most. Tokens are never reused, so a voided token can never
 * match a later lease of the same key.
 */
export class LeaseTable {
  private readonly tokens = new Map<number, {token: number; expiresAt: number}>()
  private lastToken = NO_LEASE

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  /** A new token, or null while another caller's lease on the key is still valid. */
  acquire(key: number): number | null {
    const held = this.tokens.get(key)
    if (held !== undefined && this.now() < held.expiresAt) return null
    const token = ++this.lastToken
    this.tokens.set(key, {token, expiresAt: this.now() + this.timeoutMs})
    return token
  }

  /**
   * true (and the lease ends) when `token` is still the key's lease. A lapsed lease that nobody
   * took over still counts: no write voided it, so the holder's value is current enough.
   */
  redeem(key: number, token: number): boolean {
    const held = this.tokens.get(key)
    if (held === undefined || held.token !== token) return false
    this.tokens.delete(key)
    return true
  }

  /** A write to the key (set or delete) voids its lease. */
  void(key: number): void {
    if (this.tokens.size > 0) this.tokens.delete(key)
  }

  clear(): void {
    this.tokens.clear()
  }
}
