import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { type Principal, Problems } from '@app/core';
import { IdempotencyService } from './idempotency.service';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = FastifyRequest & { user?: Principal; idempotencyClaimId?: string };

/** Who a key belongs to: two callers may use the same key string without meeting. */
function scopeOf(request: IdempotentRequest): string {
  const principal = request.user;
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal) return `user:${principal.userId}:${principal.tenantId ?? '-'}`;
  return `ip:${request.ip}`;
}

/**
 * `Idempotency-Key` on POST and PATCH: the first request runs, a repeat with the same body replays the
 * stored response with `Idempotent-Replayed: true`, another body is a 422, a concurrent twin a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if ((request.method !== 'POST' && request.method !== 'PATCH') || header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw Problems.validation([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }]);
    }
    return from(
      (async () => {
        const claim = await this.idempotency.claim({
          scope: scopeOf(request),
          key: header,
          tenantId: request.user?.tenantId ?? null,
          method: request.method,
          path: request.url,
          fingerprint: requestFingerprint(request.method, request.url, request.body),
        });
        if (claim.kind === 'replay') {
          void reply.header('Idempotent-Replayed', 'true');
          return claim.body ?? undefined;
        }
        request.idempotencyClaimId = claim.id;
        try {
          return await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          await this.idempotency.release(claim.id);
          throw error;
        }
      })(),
    );
  }
}
