import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Fixed one-minute windows in Redis, shared by every API instance. A dedicated connection with no
 * offline queue: when Redis is unreachable the limiter fails open at once instead of holding requests.
 */
@Injectable()
export class RateLimiterService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiter');
  /** Fail-fast connection for the request path (no offline queue, one retry): also what ApiUsage counts through. */
  readonly redis: Redis;
  private readonly limiters = new Map<string, RateLimiterRedis>();

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

  private limiter(bucket: string, points: number): RateLimiterRedis {
    const name = `${bucket}:${points}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.config.redisPrefix}:rl:${bucket}`,
        points,
        duration: 60,
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Takes one request from `key`'s bucket. */
  async consume(bucket: string, key: string, points: number): Promise<RateDecision> {
    try {
      const res = await this.limiter(bucket, points).consume(key);
      return { allowed: true, limit: points, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return { allowed: false, limit: points, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
      this.logger.warn(`rate limiter unavailable, allowing the request: ${(error as Error).message}`);
      return { allowed: true, limit: points, remaining: points, resetSeconds: 60 };
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
