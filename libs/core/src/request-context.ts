import { AsyncLocalStorage } from 'node:async_hooks';
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
  manager: EntityManager | null;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The context of work no person started (jobs, schedules): audit rows get actor `system`. */
export function systemContext(): RequestContext {
  return { requestId: 'system', ip: null, userAgent: null, principal: null, tenantId: null, manager: null };
}

export function currentContext(): RequestContext | undefined {
  return requestContext.getStore();
}
