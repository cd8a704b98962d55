/**
 * A short-lived, in-process cache of credential checks (the user row, its login
 * session and the tenant's 2FA policy; an API key's row), so that a request does not
 * read the database to authenticate.
 *
 * It never outlives a change of access:
 * - every change that affects a principal (deactivation, role, login session revoked or
 *   logged out, password, 2FA, the tenant's 2FA policy, API key revoked) publishes a
 *   revocation event; this process drops the tenant's entries synchronously, before the
 *   changing mutation answers, and every other process drops them when the event
 *   arrives through Redis pub/sub;
 * - a check that started before an invalidation is not stored (epochs), so a read
 *   racing a deactivation cannot put the old row back;
 * - entries live `ttlMs` at most: a lost event (Redis reconnecting) delays a change by
 *   that much at worst, the same bound the socket sweep has.
 */
export class PrincipalCache<V> {
  private readonly entries = new Map<string, { value: V; tenantId: string; at: number }>();
  /** Bumped by every invalidation: a fill that began under an older epoch is dropped. */
  private epochValue = 0;

  constructor(private readonly ttlMs: number, private readonly maxEntries = 50_000) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Read before starting a database check; pass it back to `set`. */
  epoch(): number {
    return this.epochValue;
  }

  get(key: string, now = Date.now()): V | undefined {
    if (!this.enabled) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, tenantId: string, value: V, startedAt: number): void {
    if (!this.enabled || startedAt !== this.epochValue) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (insertion order): a full cache sheds a tenth of itself.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        if (--drop <= 0) break;
      }
    }
    this.entries.delete(key);
    this.entries.set(key, { value, tenantId, at: Date.now() });
  }

  invalidateTenant(tenantId: string): void {
    this.epochValue++;
    for (const [k, v] of this.entries) if (v.tenantId === tenantId) this.entries.delete(k);
  }

  clear(): void {
    this.epochValue++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
