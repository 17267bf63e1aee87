import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, type Principal, Problems } from '@app/core';
import { RATE_LIMIT_KEY, type RatePolicy, SKIP_RATE_LIMIT_KEY } from './rate-limit.decorator';
import { type RateDecision, RateLimiterService } from './rate-limiter.service';

/**
 * Runs after authentication: every request spends from one general bucket (per API key, per user, or
 * per IP when anonymous) and, on sensitive routes, from a tighter named one. The most constrained
 * bucket is reported in the RateLimit-* headers; an empty one is a 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const principal = request.user ?? null;
    const limits = this.config.rateLimits;
    const decisions: RateDecision[] = [];
    if (principal?.apiKeyId) {
      // A key's own limit can only lower the platform's per-key cap (older keys may store more).
      decisions.push(await this.limiter.consume('key', principal.apiKeyId, Math.min(principal.apiKeyRateLimit ?? limits.apiKey, limits.apiKey)));
    } else if (principal) {
      decisions.push(await this.limiter.consume('user', principal.userId, limits.user));
    } else {
      decisions.push(await this.limiter.consume('ip', request.ip, limits.public));
    }
    const policy = this.reflector.getAllAndOverride<RatePolicy | undefined>(RATE_LIMIT_KEY, targets);
    if (policy) {
      decisions.push(await this.limiter.consume(policy, principal ? principal.userId : request.ip, limits[policy]));
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
