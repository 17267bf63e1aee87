import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, CONCURRENCY_LIMIT_KEY, type ConcurrencyPolicy, type IdentifiedRequest, identityBucket, Problems, routeMetadata } from '@app/core';
import { RateLimiterService } from './rate-limiter.service';

/** A slot outlives a process that died holding it by at most this long. */
const SLOT_TTL_SECONDS = 600;
const RETRY_AFTER_SECONDS = 10;

/**
 * Runs after authentication on routes marked @ConcurrencyLimit: the caller (API key, user, or IP)
 * holds one slot until the response is finished or the connection is gone; with every slot taken
 * the answer is 429 `too-many-concurrent-requests` with Retry-After.
 */
@Injectable()
export class ConcurrencyLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = routeMetadata<ConcurrencyPolicy>(context, CONCURRENCY_LIMIT_KEY);
    if (!policy) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & IdentifiedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const identity = request.identity ? identityBucket(request.identity) : null;
    const caller = identity ? `${identity.bucket}:${identity.id}` : `ip:${request.ip}`;
    const max = this.config.exportsPerUser;
    if (!(await this.limiter.acquireSlot(policy, caller, max, SLOT_TTL_SECONDS))) {
      throw Problems.tooMany('too-many-concurrent-requests', `At most ${max} ${policy} may run at once; wait for one to finish.`, RETRY_AFTER_SECONDS);
    }
    reply.raw.once('close', () => void this.limiter.releaseSlot(policy, caller));
    return true;
  }
}
