import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, normalizeEmail, Problems, sha256 } from '@app/core';
import { REDIS } from '@app/queue';
import type Redis from 'ioredis';

const MAX_FAILURES = 5;
const LOCK_SECONDS = 15 * 60;

/**
 * Counts sign-in attempts per email address (known or not, so both answer the same way) and locks the
 * address for 15 minutes after 5 failures. Each attempt is counted with one INCR before the password
 * is checked, so parallel guesses cannot all pass the check; a successful sign-in resets the count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(email: string): string {
    return `${this.config.redisPrefix}:login-attempts:${sha256(normalizeEmail(email))}`;
  }

  /** Counts one attempt; throws login-locked (without any password work) once 5 attempts have failed. */
  async claimAttempt(email: string): Promise<void> {
    const key = this.key(email);
    const [[, attempts], [, ttl]] = (await this.redis.multi().incr(key).expire(key, LOCK_SECONDS, 'NX').ttl(key).exec()) as [[null, number], [null, number], [null, number]];
    if (attempts === MAX_FAILURES) await this.redis.expire(key, LOCK_SECONDS);
    if (attempts > MAX_FAILURES) {
      const retryAfter = ttl > 0 ? ttl : LOCK_SECONDS;
      throw Problems.tooMany('login-locked', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
    }
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }
}
