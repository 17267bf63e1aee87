import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

export type ActorType = 'user' | 'api_key' | 'system' | 'anonymous';

export interface Principal {
  userId: string;
  email: string;
  tenantId: string | null;
  sessionId: string | null;
  permissions: ReadonlySet<string>;
  platformRole: string | null;
  impersonatorId: string | null;
  /** Set when the request authenticated with an API key (userId is then the key's creator). */
  apiKeyId?: string | null;
  /** The key's own requests-per-minute limit, when it has one. */
  apiKeyRateLimit?: number | null;
}

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal: Principal | null;
  /** The tenant the current transaction is bound to (RLS setting). */
  tenantId: string | null;
  /** The transaction's TypeORM manager (made on first use: queries through `Db.query` need none). */
  manager: EntityManager | null;
  /** The transaction's pooled connection (inside `Db.transaction`): what `Db.query` sends on. */
  client?: PoolClient | null;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The context of work no person started (jobs, schedules): audit rows get actor `system`. */
export function systemContext(): RequestContext {
  return { requestId: 'system', ip: null, userAgent: null, principal: null, tenantId: null, manager: null };
}

export function currentContext(): RequestContext | undefined {
  return requestContext.getStore();
}

/** A signed-in principal with what the access check needs about its tenant and membership. */
export interface AuthenticatedPrincipal extends Principal {
  tenantStatus: string | null;
  membershipActive: boolean;
}

/**
 * Who a request claims to be, known from its Authorization header alone (a verified JWT, or an API
 * key's digest) before any database work: what rate limits and concurrency slots count, so a request
 * over its limit is refused without touching the database. The principal itself (permissions, tenant
 * status) is resolved afterwards, in the request's transaction.
 */
export type RequestIdentity =
  | { kind: 'session'; userId: string; sessionId: string; tenantId: string | null }
  | {
      kind: 'api-key';
      /** SHA-256 of the key, hex. */
      keyHash: string;
      /** The key's own requests-per-minute limit, when this process has already loaded the key. */
      knownRateLimit: number | null;
    };

/** The bucket an identity's requests count in (rate limits, concurrency slots). */
export function identityBucket(identity: RequestIdentity): { bucket: 'user' | 'key'; id: string } {
  return identity.kind === 'session' ? { bucket: 'user', id: identity.userId } : { bucket: 'key', id: identity.keyHash.slice(0, 32) };
}

/** What the global guards and the request interceptor leave on the Fastify request. */
export interface IdentifiedRequest {
  identity?: RequestIdentity;
  user?: AuthenticatedPrincipal;
}

/** An x-request-id the client may choose: kept as the request's id (logs, problem bodies, audit rows). */
const REQUEST_ID = /^[\w-]{8,100}$/;

/** The request's id: the client's `x-request-id` when it is a plain token of 8–100 characters, else a new UUID. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
