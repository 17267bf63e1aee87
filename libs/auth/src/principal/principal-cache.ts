import type { AuthenticatedPrincipal } from '@app/core';

export interface CachedPrincipal {
  principal: AuthenticatedPrincipal;
  /** The database's access stamp the principal was loaded under (see the AccessStamps migration). */
  stamp: string;
  /** When the session or key ends by itself (ms since epoch): no stamp change announces that. */
  expiresAt: number;
  /** An API key's IP allowlist, checked on every request. */
  allowedIps?: string[];
  /** An API key's tenant plan and its monthly API-call allowance (null: unlimited), checked on every request. */
  plan?: string;
  apiCallAllowance?: number | null;
}

/**
 * Expanded principals by session id or API-key digest, in this process. An entry is only ever used after
 * the request has read the current access stamp from the database in the round trip that opens its
 * transaction, and only while that stamp equals the entry's, so a change (role, membership, tenant
 * status, revoked session, key) applies on the next request in every API process. Bounded: the
 * oldest entries go first.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, CachedPrincipal>();

  constructor(private readonly maxEntries: number) {}

  /** The entry for `key` if it was loaded under `stamp` and has not ended. */
  valid(key: string, stamp: string, now = Date.now()): CachedPrincipal | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.stamp !== stamp || entry.expiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  /** The entry for `key` whatever its stamp (what the transaction is opened with before the stamp is known). */
  peek(key: string): CachedPrincipal | null {
    return this.entries.get(key) ?? null;
  }

  set(key: string, entry: CachedPrincipal): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
