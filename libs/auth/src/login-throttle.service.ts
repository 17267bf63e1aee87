import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, normalizeEmail, Problems, sha256 } from '@app/core';
import { REDIS } from '@app/queue';
import type Redis from 'ioredis';

const MAX_FAILURES = 5;
const LOCK_SECONDS = 15 * 60;

/**
 * Counts sign-in attempts per email address (known or not, so both answer the same way) and locks the
 * address for 15 minutes after 5 failures; two-factor codes typed by a signed-in user (enable, disable)
 * are counted the same way per user. Each attempt is counted with one INCR before anything is
 * checked, so parallel guesses cannot all pass the check; a success resets the count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private emailKey(email: string): string {
    return `${this.config.redisPrefix}:login-attempts:${sha256(normalizeEmail(email))}`;
  }

  private codeKey(userId: string): string {
    return `${this.config.redisPrefix}:totp-attempts:${userId}`;
  }

  /** Counts one attempt and returns how long the key stays locked (0: not locked, go on and check). */
  private async claim(key: string): Promise<number> {
    const [[, attempts], [, ttl]] = (await this.redis.multi().incr(key).expire(key, LOCK_SECONDS, 'NX').ttl(key).exec()) as [[null, number], [null, number], [null, number]];
    if (attempts === MAX_FAILURES) await this.redis.expire(key, LOCK_SECONDS);
    if (attempts <= MAX_FAILURES) return 0;
    return ttl > 0 ? ttl : LOCK_SECONDS;
  }

  /** Counts one sign-in attempt; throws login-locked (without any password work) once 5 attempts have failed. */
  async claimAttempt(email: string): Promise<void> {
    const retryAfter = await this.claim(this.emailKey(email));
    if (retryAfter) throw Problems.tooMany('login-locked', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.emailKey(email));
  }

  /** Counts one two-factor code typed by a signed-in user; throws totp-locked once 5 have failed. */
  async claimCodeAttempt(userId: string): Promise<void> {
    const retryAfter = await this.claim(this.codeKey(userId));
    if (retryAfter) throw Problems.tooMany('totp-locked', `Too many wrong two-factor codes. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
  }

  async resetCodeAttempts(userId: string): Promise<void> {
    await this.redis.del(this.codeKey(userId));
  }
}
