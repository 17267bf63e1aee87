import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, currentContext } from '@app/core';
import { afterCommit, Db } from '@app/database';
import { REDIS } from '@app/queue';
import { FEATURE_FLAG_CATALOG, type FeatureFlagKey, findFeatureFlag } from './feature-flag-catalog';

/** Seconds a cached set of flags may live; writes evict it at commit, this bounds any miss of an eviction. */
export const FEATURE_FLAG_CACHE_SECONDS = 30;

type FlagValues = Record<string, boolean>;

/** Catalog default → platform default → tenant override. */
export function resolveFlags(platformDefaults: FlagValues, tenantOverrides: FlagValues): Record<FeatureFlagKey, boolean> {
  return Object.fromEntries(
    FEATURE_FLAG_CATALOG.map((flag) => [flag.key, tenantOverrides[flag.key] ?? platformDefaults[flag.key] ?? flag.defaultEnabled]),
  ) as Record<FeatureFlagKey, boolean>;
}

async function rowsToValues(manager: EntityManager, sql: string, params: unknown[]): Promise<FlagValues> {
  const rows: Array<{ key: string; enabled: boolean }> = await manager.query(sql, params);
  return Object.fromEntries(rows.map((row) => [row.key, row.enabled]));
}

/**
 * The one reader of feature flags. Platform defaults and each tenant's overrides are cached in Redis
 * (shared by every API and worker instance) for at most 30 s; writes evict the entry after commit,
 * so every instance sees a change on its next read. If Redis is unavailable, flags are read from PostgreSQL.
 */
@Injectable()
export class FeatureFlagsService {
  private readonly logger = new Logger('FeatureFlags');

  constructor(
    private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For server code: is `key` on for this tenant? */
  async isEnabled(tenantId: string | null, key: FeatureFlagKey): Promise<boolean> {
    if (!findFeatureFlag(key)) throw new Error(`Unknown feature flag ${key}`);
    return (await this.effective(tenantId))[key];
  }

  /** Every flag's value for a tenant (platform defaults only when there is no tenant). */
  async effective(tenantId: string | null): Promise<Record<FeatureFlagKey, boolean>> {
    const cached = await this.cached(tenantId);
    let defaults = cached.defaults;
    let overrides = cached.overrides;
    if (!defaults || !overrides) {
      const loaded = await this.withTenant(tenantId, async (manager) => ({
        defaults: defaults ?? (await this.platformDefaults(manager)),
        overrides: overrides ?? (tenantId ? await this.tenantOverrides(manager, tenantId) : {}),
      }));
      await this.store(cached.defaults ? null : loaded.defaults, tenantId && !cached.overrides ? [tenantId, loaded.overrides] : null);
      defaults = loaded.defaults;
      overrides = loaded.overrides;
    }
    return resolveFlags(defaults, overrides);
  }

  platformDefaults(manager: EntityManager): Promise<FlagValues> {
    return rowsToValues(manager, `select key, enabled from feature_flag_defaults`, []);
  }

  tenantOverrides(manager: EntityManager, tenantId: string): Promise<FlagValues> {
    return rowsToValues(manager, `select key, enabled from tenant_feature_flags where tenant_id = $1`, [tenantId]);
  }

  /** Evicts the tenant's cached overrides once the current transaction commits. */
  evictTenantAfterCommit(tenantId: string): void {
    void afterCommit(this.db.manager(), () => this.redis.del(this.tenantKey(tenantId)));
  }

  /** Evicts the cached platform defaults once the current transaction commits. */
  evictDefaultsAfterCommit(): void {
    void afterCommit(this.db.manager(), () => this.redis.del(this.defaultsKey()));
  }

  private defaultsKey(): string {
    return `${this.config.redisPrefix}:feature-flags:defaults`;
  }

  private tenantKey(tenantId: string): string {
    return `${this.config.redisPrefix}:feature-flags:tenant:${tenantId}`;
  }

  private async cached(tenantId: string | null): Promise<{ defaults: FlagValues | null; overrides: FlagValues | null }> {
    try {
      const [defaults, overrides] = await this.redis.mget(this.defaultsKey(), tenantId ? this.tenantKey(tenantId) : this.defaultsKey());
      return { defaults: defaults ? JSON.parse(defaults) : null, overrides: tenantId ? (overrides ? JSON.parse(overrides) : null) : {} };
    } catch (error) {
      this.logger.warn(`feature flag cache unavailable: ${(error as Error).message}`);
      return { defaults: null, overrides: null };
    }
  }

  private async store(defaults: FlagValues | null, tenant: [string, FlagValues] | null): Promise<void> {
    // Values read inside a transaction that is changing flags are not committed yet: never cache those.
    if (this.changingFlags()) return;
    try {
      const pipeline = this.redis.pipeline();
      if (defaults) pipeline.set(this.defaultsKey(), JSON.stringify(defaults), 'EX', FEATURE_FLAG_CACHE_SECONDS);
      if (tenant) pipeline.set(this.tenantKey(tenant[0]), JSON.stringify(tenant[1]), 'EX', FEATURE_FLAG_CACHE_SECONDS);
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`feature flag cache unavailable: ${(error as Error).message}`);
    }
  }

  private changingFlags(): boolean {
    const runner = currentContext()?.manager?.queryRunner;
    return Boolean(runner && changingTransactions.has(runner));
  }

  /** Marks the current transaction as one that writes flags (its reads are not cached). */
  markChanging(): void {
    const runner = this.db.manager().queryRunner;
    if (runner) changingTransactions.add(runner);
  }

  /** Reads in the caller's transaction when it is bound to the same tenant; otherwise in a short one of its own. */
  private withTenant<T>(tenantId: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const context = currentContext();
    if (context?.manager && (context.tenantId ?? null) === tenantId) return work(context.manager);
    return this.db.transaction({ tenantId }, work);
  }
}

const changingTransactions = new WeakSet<object>();
