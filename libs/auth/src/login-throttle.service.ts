import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Problems, sha256 } from '@app/core';
import { REDIS } from '@app/queue';
import type Redis from 'ioredis';

const MAX_FAILURES = 5;
const LOCK_SECONDS = 15 * 60;

/**
 * Counts failed sign-ins per email address (known or not, so both answer the same way) and locks the
 * address for 15 minutes after 5 failures.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(email: string): string {
    return `${this.config.redisPrefix}:login-failures:${sha256(email.toLowerCase())}`;
  }

  async assertNotLocked(email: string): Promise<void> {
    const key = this.key(email);
    const failures = Number(await this.redis.get(key)) || 0;
    if (failures >= MAX_FAILURES) {
      const ttl = await this.redis.ttl(key);
      const retryAfter = ttl > 0 ? ttl : LOCK_SECONDS;
      throw Problems.tooMany('login-locked', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    const failures = await this.redis.incr(key);
    if (failures === 1 || failures === MAX_FAILURES) await this.redis.expire(key, LOCK_SECONDS);
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }
}
