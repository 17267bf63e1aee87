import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';

/** Takes a slot when fewer than ARGV[1] are taken; the TTL frees slots of a process that died holding them. */
const ACQUIRE_SLOT = `
local taken = redis.call('INCR', KEYS[1])
if taken > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return 0
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;
const RELEASE_SLOT = `
if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * Adds ARGV[1] (a lease, less ARGV[3] unused requests of the previous lease given back) to the window
 * counter, starting a window of ARGV[2] ms when there is none; answers the count after the addition
 * and the window's milliseconds left.
 */
const TAKE_LEASE = `
local taken = redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]) - tonumber(ARGV[3]))
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {taken, ttl}`;

const WINDOW_MS = 60_000;
/** Requests one lease may hold: a small part of the limit, so several API processes share it fairly. */
const MAX_LEASE = 25;
/** Buckets this process holds leases of; beyond, the oldest half is dropped (their tokens unused). */
const MAX_LEASES = 20_000;

/** What this process holds of one bucket's current window. */
interface Lease {
  /** The limit it was taken under (a key's own limit is learnt after its first request). */
  points: number;
  /** Requests this process may still answer without asking Redis. */
  left: number;
  /** The window's count in Redis after this lease was taken. */
  taken: number;
  windowEndsAt: number;
}

/** How many requests one Redis round trip takes for a bucket of `points` per minute. */
export function leaseSize(points: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(points / 50)));
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Fixed one-minute windows in Redis, shared by every API instance. A process takes requests from a
 * window in leases (`leaseSize`: 1 for limits under 100 a minute, at most 25) and answers the rest of a
 * lease without a Redis round trip, so the instances together never answer more than the limit; a lease
 * a process does not use up is lost for that window (another instance may refuse up to that many
 * requests early). A dedicated connection with no offline queue: when Redis is unreachable the limiter
 * fails open at once instead of holding requests.
 */
@Injectable()
export class RateLimiterService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiter');
  /** Fail-fast connection for the request path (no offline queue, one retry): also what ApiUsage counts through. */
  readonly redis: Redis;
  private readonly leases = new Map<string, Lease>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.redis.on('error', () => undefined);
  }

  /** Waits (briefly) for the connection so the first requests are counted rather than let through. */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn('Redis not ready for rate limiting yet; requests pass until it is');
        resolve();
      }, 5000);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Takes one request from `key`'s bucket. */
  async consume(bucket: string, key: string, points: number, now = Date.now()): Promise<RateDecision> {
    const redisKey = `${this.config.redisPrefix}:rl:${bucket}:${key}`;
    const held = this.leases.get(redisKey);
    const current = held && held.windowEndsAt > now ? held : undefined;
    if (current && current.points === points) {
      if (current.left > 0) {
        current.left -= 1;
        return this.decision(true, points, current, now);
      }
      // The window's count has reached the limit: refused here, no instance can be granted more in it.
      if (current.taken >= points) return this.decision(false, points, current, now);
    }
    const size = leaseSize(points);
    // Under another limit, what is left of the lease goes back before a lease of the new size is taken.
    const giveBack = current?.left ?? 0;
    let taken: number;
    let ttl: number;
    try {
      [taken, ttl] = (await this.redis.eval(TAKE_LEASE, 1, redisKey, size, WINDOW_MS, giveBack)) as [number, number];
    } catch (error) {
      this.logger.warn(`rate limiter unavailable, allowing the request: ${(error as Error).message}`);
      return { allowed: true, limit: points, remaining: points, resetSeconds: 60 };
    }
    // Of this lease, the requests still under the limit (the counter may pass it; it only compares).
    const granted = Math.max(0, Math.min(size, points - (taken - size)));
    const lease: Lease = { points, left: Math.max(0, granted - 1), taken: Math.min(taken, points), windowEndsAt: now + ttl };
    if (!this.leases.has(redisKey) && this.leases.size >= MAX_LEASES) this.forgetOldest();
    this.leases.set(redisKey, lease);
    return this.decision(granted > 0, points, lease, now);
  }

  private decision(allowed: boolean, points: number, lease: Lease, now: number): RateDecision {
    return {
      allowed,
      limit: points,
      remaining: allowed ? Math.max(0, points - lease.taken + lease.left) : 0,
      resetSeconds: Math.max(1, Math.ceil((lease.windowEndsAt - now) / 1000)),
    };
  }

  private forgetOldest(): void {
    let drop = this.leases.size >> 1;
    for (const key of this.leases.keys()) {
      if (drop-- <= 0) break;
      this.leases.delete(key);
    }
  }

  /**
   * Takes one of `max` concurrent slots of `key` in `bucket` for at most `ttlSeconds`; false when all
   * are taken. Fails open like the rate limits when Redis is unreachable.
   */
  async acquireSlot(bucket: string, key: string, max: number, ttlSeconds: number): Promise<boolean> {
    try {
      return (await this.redis.eval(ACQUIRE_SLOT, 1, this.slotKey(bucket, key), max, ttlSeconds)) === 1;
    } catch (error) {
      this.logger.warn(`concurrency limiter unavailable, allowing the request: ${(error as Error).message}`);
      return true;
    }
  }

  async releaseSlot(bucket: string, key: string): Promise<void> {
    await this.redis.eval(RELEASE_SLOT, 1, this.slotKey(bucket, key)).catch(() => undefined);
  }

  private slotKey(bucket: string, key: string): string {
    return `${this.config.redisPrefix}:slots:${bucket}:${key}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
