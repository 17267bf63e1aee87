import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import type { Db } from '@app/database';
import { RateLimiterService } from './rate-limiter.service';

/**
 * API-key usage is counted in Redis on the request path and moved into the database by the worker
 * (`flushApiUsage`, every USAGE_FLUSH_EVERY_SECONDS): a request adds to three hashes instead of
 * updating its key's row and the tenant's monthly counter, which serialised every concurrent request
 * of a key (and of a tenant) on a row lock.
 * - calls per key (`<tenantId>|<keyId>` → calls), added to `api_keys.usage_count`;
 * - last use per key (`<tenantId>|<keyId>` → `<epoch ms>|<ip>`), into `last_used_at` / `last_used_ip`;
 * - calls per tenant and month (`<tenantId>|<YYYY-MM-01>` → calls), added to `usage_counters`.
 * Until a flush, readers add what is still in Redis (`pending`), so nothing shows late.
 */
export function apiUsageKeys(prefix: string) {
  return {
    keyCalls: `${prefix}:usage:key-calls`,
    keyLastUsed: `${prefix}:usage:key-last-used`,
    tenantCalls: `${prefix}:usage:tenant-calls`,
  };
}

/**
 * Counts one call unless it would pass the monthly allowance (ARGV[4] counted in the database +
 * what Redis holds > ARGV[5]; -1 = no limit); 1 counted, 0 refused (and nothing counted).
 */
const RECORD_CALL = `
local pending = redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
local limit = tonumber(ARGV[5])
if limit >= 0 and tonumber(ARGV[4]) + pending > limit then
  redis.call('HINCRBY', KEYS[3], ARGV[3], -1)
  return 0
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

/** Takes every hash at once (read and delete in one step, so no call is counted twice or lost between them). */
const TAKE_ALL = `
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
redis.call('DEL', unpack(KEYS))
return out`;

/** The first day of the current month (UTC), as `usage_counters.period` stores it. */
export function usagePeriod(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

export interface PendingKeyUsage {
  calls: number;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
}

@Injectable()
export class ApiUsage {
  private readonly logger = new Logger('ApiUsage');
  private readonly keys: ReturnType<typeof apiUsageKeys>;

  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = apiUsageKeys(config.redisPrefix);
  }

  /**
   * Counts one API-key call: false when the tenant's monthly allowance (`limit`, null = none) is spent,
   * counting `countedInDb` calls already in the database. Like the rate limits, fails open (counts
   * nothing, allows the call) while Redis is unreachable.
   */
  async record(call: { tenantId: string; keyId: string; ip: string; countedInDb: number; limit: number | null }): Promise<boolean> {
    const field = `${call.tenantId}|${call.keyId}`;
    try {
      const counted = await this.limiter.redis.eval(
        RECORD_CALL,
        3,
        this.keys.keyCalls,
        this.keys.keyLastUsed,
        this.keys.tenantCalls,
        field,
        `${Date.now()}|${call.ip}`,
        `${call.tenantId}|${usagePeriod()}`,
        call.countedInDb,
        call.limit ?? -1,
      );
      return counted === 1;
    } catch (error) {
      this.logger.warn(`API usage not counted, Redis unavailable: ${(error as Error).message}`);
      return true;
    }
  }

  /** Calls of these keys not yet in the database (empty while Redis is unreachable). */
  async pending(tenantId: string, keyIds: string[]): Promise<Map<string, PendingKeyUsage>> {
    const result = new Map<string, PendingKeyUsage>();
    if (keyIds.length === 0) return result;
    const fields = keyIds.map((id) => `${tenantId}|${id}`);
    try {
      const replies = (await this.limiter.redis.pipeline().hmget(this.keys.keyCalls, ...fields).hmget(this.keys.keyLastUsed, ...fields).exec()) ?? [];
      const failed = replies.find(([error]) => error)?.[0];
      if (failed) throw failed;
      const [calls, lastUsed] = replies.map(([, value]) => value as Array<string | null>);
      keyIds.forEach((id, i) => {
        const count = Number(calls[i] ?? 0);
        const last = lastUsed[i];
        if (!count && !last) return;
        const bar = last ? last.indexOf('|') : -1;
        result.set(id, {
          calls: count,
          lastUsedAt: last ? new Date(Number(last.slice(0, bar))) : null,
          lastUsedIp: last ? last.slice(bar + 1) : null,
        });
      });
    } catch (error) {
      this.logger.warn(`pending API usage unavailable: ${(error as Error).message}`);
    }
    return result;
  }

  /** The tenant's API calls this month not yet in the database. */
  async pendingTenantCalls(tenantId: string): Promise<number> {
    try {
      return Number((await this.limiter.redis.hget(this.keys.tenantCalls, `${tenantId}|${usagePeriod()}`)) ?? 0);
    } catch {
      return 0;
    }
  }
}

interface KeyDelta {
  keyId: string;
  calls: number;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
}

function pairs(flat: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

/**
 * The worker's half: moves every counted call from Redis into `api_keys` and `usage_counters`, one
 * transaction per tenant. What a failed write took from Redis is put back for the next flush.
 * Returns the number of calls moved.
 */
export async function flushApiUsage(redis: Redis, db: Db, prefix: string): Promise<number> {
  const keys = apiUsageKeys(prefix);
  const [callsFlat, lastFlat, tenantFlat] = (await redis.eval(TAKE_ALL, 3, keys.keyCalls, keys.keyLastUsed, keys.tenantCalls)) as string[][];
  const byTenant = new Map<string, { keys: Map<string, KeyDelta>; periods: Map<string, number> }>();
  const tenant = (id: string) => {
    let entry = byTenant.get(id);
    if (!entry) byTenant.set(id, (entry = { keys: new Map(), periods: new Map() }));
    return entry;
  };
  const keyDelta = (field: string) => {
    const [tenantId, keyId] = field.split('|');
    const deltas = tenant(tenantId).keys;
    let delta = deltas.get(keyId);
    if (!delta) deltas.set(keyId, (delta = { keyId, calls: 0, lastUsedAt: null, lastUsedIp: null }));
    return delta;
  };
  for (const [field, calls] of pairs(callsFlat)) keyDelta(field).calls += Number(calls);
  for (const [field, last] of pairs(lastFlat)) {
    const bar = last.indexOf('|');
    const delta = keyDelta(field);
    delta.lastUsedAt = new Date(Number(last.slice(0, bar)));
    delta.lastUsedIp = last.slice(bar + 1);
  }
  for (const [field, calls] of pairs(tenantFlat)) {
    const [tenantId, period] = field.split('|');
    const periods = tenant(tenantId).periods;
    periods.set(period, (periods.get(period) ?? 0) + Number(calls));
  }
  let moved = 0;
  let failure: unknown = null;
  for (const [tenantId, delta] of byTenant) {
    const keyDeltas = [...delta.keys.values()];
    try {
      await db.transaction({ tenantId }, async (manager) => {
        if (keyDeltas.length) {
          await manager.query(
            `update api_keys k
                set usage_count = k.usage_count + u.calls,
                    last_used_at = greatest(k.last_used_at, u.at),
                    last_used_ip = case when u.at is not null and (k.last_used_at is null or u.at >= k.last_used_at) then u.ip else k.last_used_ip end
               from unnest($2::uuid[], $3::bigint[], $4::timestamptz[], $5::text[]) as u(id, calls, at, ip)
              where k.tenant_id = $1 and k.id = u.id`,
            [tenantId, keyDeltas.map((d) => d.keyId), keyDeltas.map((d) => d.calls), keyDeltas.map((d) => d.lastUsedAt), keyDeltas.map((d) => d.lastUsedIp)],
          );
        }
        if (delta.periods.size) {
          await manager.query(
            `insert into usage_counters (tenant_id, metric, period, value)
             select $1, 'api_calls', p.period, p.calls from unnest($2::date[], $3::bigint[]) as p(period, calls)
             on conflict (tenant_id, metric, period) do update set value = usage_counters.value + excluded.value, updated_at = now()`,
            [tenantId, [...delta.periods.keys()], [...delta.periods.values()]],
          );
        }
      });
      moved += [...delta.periods.values()].reduce((a, b) => a + b, 0);
    } catch (error) {
      const back = redis.multi();
      for (const d of keyDeltas) {
        if (d.calls) back.hincrby(keys.keyCalls, `${tenantId}|${d.keyId}`, d.calls);
        if (d.lastUsedAt) back.hsetnx(keys.keyLastUsed, `${tenantId}|${d.keyId}`, `${d.lastUsedAt.getTime()}|${d.lastUsedIp ?? ''}`);
      }
      for (const [period, calls] of delta.periods) back.hincrby(keys.tenantCalls, `${tenantId}|${period}`, calls);
      await back.exec();
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return moved;
}
