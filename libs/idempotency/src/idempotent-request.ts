import type { FastifyRequest } from 'fastify';
import { type IdentifiedRequest, Problems } from '@app/core';
import type { IdempotencyRequest } from './idempotency.service';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = FastifyRequest & IdentifiedRequest & { idempotencyClaimId?: string };

/**
 * The request's `Idempotency-Key` when it is a POST or PATCH that carries one (null otherwise); a
 * malformed key is a 400. A first request with a key runs, a repeat with the same body replays the
 * stored response with `Idempotent-Replayed: true`, another body is a 422, a concurrent twin a 409
 * (IdempotencyService; the request interceptor drives it).
 */
export function idempotencyKeyOf(request: IdempotentRequest): string | null {
  const header = request.headers[IDEMPOTENCY_HEADER];
  if ((request.method !== 'POST' && request.method !== 'PATCH') || header === undefined) return null;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw Problems.validation([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }]);
  }
  return header;
}

/** What a claim for this request and key is: who it belongs to (two callers may use the same key string without meeting) and its fingerprint. */
export function idempotencyClaimOf(request: IdempotentRequest, key: string): IdempotencyRequest {
  const principal = request.user;
  const scope = principal?.apiKeyId ? `key:${principal.apiKeyId}` : principal ? `user:${principal.userId}:${principal.tenantId ?? '-'}` : `ip:${request.ip}`;
  return {
    scope,
    key,
    tenantId: principal?.tenantId ?? null,
    method: request.method,
    path: request.url,
    fingerprint: requestFingerprint(request.method, request.url, request.body),
  };
}
