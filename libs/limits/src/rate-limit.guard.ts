import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, type IdentifiedRequest, identityBucket, Problems, routeMetadata } from '@app/core';
import { RATE_LIMIT_KEY, type RatePolicy, SKIP_RATE_LIMIT_KEY } from './rate-limit.decorator';
import { type RateDecision, RateLimiterService } from './rate-limiter.service';

/**
 * Runs after the access guard, before any database work: every request spends from one general bucket
 * (per API key, per user, or per IP when anonymous) and, on sensitive routes, from a tighter named one. The most constrained
 * bucket is reported in the RateLimit-* headers; an empty one is a 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (routeMetadata<boolean>(context, SKIP_RATE_LIMIT_KEY)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & IdentifiedRequest>();
    const reply = http.getResponse<FastifyReply>();
    // Counted by who the request says it is (AccessGuard verified the token): a request over its limit
    // is refused before any database work.
    const identity = request.identity ?? null;
    const limits = this.config.rateLimits;
    const decisions: RateDecision[] = [];
    const caller = identity ? identityBucket(identity) : null;
    if (identity?.kind === 'api-key') {
      // A key's own limit can only lower the platform's per-key cap (older keys may store more).
      decisions.push(await this.limiter.consume('key', caller!.id, Math.min(identity.knownRateLimit ?? limits.apiKey, limits.apiKey)));
    } else if (caller) {
      decisions.push(await this.limiter.consume('user', caller.id, limits.user));
    } else {
      decisions.push(await this.limiter.consume('ip', request.ip, limits.public));
    }
    const policy = routeMetadata<RatePolicy>(context, RATE_LIMIT_KEY);
    if (policy) {
      decisions.push(await this.limiter.consume(policy, caller ? caller.id : request.ip, limits[policy]));
    }
    const denied = decisions.find((d) => !d.allowed);
    const shown = denied ?? decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    void reply.header('RateLimit-Limit', String(shown.limit));
    void reply.header('RateLimit-Remaining', String(shown.remaining));
    void reply.header('RateLimit-Reset', String(shown.resetSeconds));
    if (denied) {
      throw Problems.tooMany('rate-limited', `Too many requests; try again in ${denied.resetSeconds} seconds.`, denied.resetSeconds);
    }
    return true;
  }
}
