import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import type { Db } from '@app/database';
import { RateLimiterService } from '@app/limits';

/** A session's last activity is recorded at most this often. */
const TOUCH_EVERY_MS = 60_000;
/** Sessions this process remembers having recorded; beyond, it forgets them all and records again. */
const MAX_REMEMBERED = 50_000;

function activityKey(prefix: string): string {
  return `${prefix}:usage:session-activity`;
}

/** Takes the hash (read and delete in one step). */
const TAKE = `
local out = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return out`;

/**
 * `auth_sessions.last_active_at` without a write on the request path: a request notes its session in
 * a Redis hash at most once a minute per API process (no await on the answer's way), and the worker
 * writes the hash into the table in one statement (`flushSessionActivity`).
 */
@Injectable()
export class SessionActivity {
  private readonly recorded = new Map<string, number>();
  private readonly key: string;

  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = activityKey(config.redisPrefix);
  }

  touch(sessionId: string, now = Date.now()): void {
    const last = this.recorded.get(sessionId);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
    if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
    this.recorded.set(sessionId, now);
    // Lost when Redis is unreachable: activity is informational, the request must not wait for it.
    this.limiter.redis.hset(this.key, sessionId, String(now)).catch(() => this.recorded.delete(sessionId));
  }
}

/** The worker's half: writes every noted activity into auth_sessions; returns how many sessions. */
export async function flushSessionActivity(redis: Redis, db: Db, prefix: string): Promise<number> {
  const flat = (await redis.eval(TAKE, 1, activityKey(prefix))) as string[];
  if (flat.length === 0) return 0;
  const ids: string[] = [];
  const times: Date[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    ids.push(flat[i]);
    times.push(new Date(Number(flat[i + 1])));
  }
  try {
    await db.transaction({}, (manager) => manager.query(`select app_touch_sessions($1::uuid[], $2::timestamptz[])`, [ids, times]));
  } catch (error) {
    // Put them back for the next flush (a newer activity noted meanwhile wins).
    const back = redis.multi();
    ids.forEach((id, i) => back.hsetnx(activityKey(prefix), id, String(times[i].getTime())));
    await back.exec();
    throw error;
  }
  return ids.length;
}
