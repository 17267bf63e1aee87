import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type AuthenticatedPrincipal, currentContext, Problems, type RequestIdentity } from '@app/core';
import { Db, type OpeningProbe, type TransactionScope } from '@app/database';
import { ApiUsage, planLimitProblem } from '@app/limits';
import { AccessService } from '@app/tenants';
import { ApiKeysService, invalidApiKey } from '../api-keys/api-keys.service';
import { ipAllowed } from '../api-keys/ip-allowlist';
import { PrincipalCache } from './principal-cache';
import { SessionActivity } from './session-activity';

const cacheKey = (identity: RequestIdentity) => (identity.kind === 'session' ? `s:${identity.sessionId}` : `k:${identity.keyHash}`);

/**
 * Turns a request's identity into its principal inside the request's own transaction: the transaction
 * is opened (`opening`) with the identity's access stamp read in the same round trip, and a principal
 * cached under the same stamp is used as is; otherwise it is loaded in that transaction and cached.
 * Any change the principal derives from changes the stamp, so it applies on the next request in
 * every API process; a session or key that ends by time is checked against its expiry on each use.
 */
@Injectable()
export class PrincipalService {
  private readonly cache: PrincipalCache;

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly apiKeys: ApiKeysService,
    private readonly apiUsage: ApiUsage,
    private readonly activity: SessionActivity,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new PrincipalCache(config.principalCacheSize);
  }

  /** The RLS scope and the stamp probe the request's transaction opens with. */
  opening(identity: RequestIdentity): { scope: TransactionScope; probe: OpeningProbe } {
    if (identity.kind === 'session') {
      return {
        scope: { tenantId: identity.tenantId, userId: identity.userId },
        probe: { fn: 'app_session_access_stamp', args: [identity.sessionId, identity.userId, identity.tenantId] },
      };
    }
    // A key's tenant and creator never change: a cached entry (whatever its stamp) gives the scope.
    const known = this.cache.peek(cacheKey(identity))?.principal;
    return {
      scope: { tenantId: known?.tenantId ?? null, userId: known?.userId ?? null },
      probe: { fn: 'app_api_key_access_stamp', args: [identity.keyHash] },
    };
  }

  /** The key's own requests-per-minute limit, when this process has loaded the key. */
  knownApiKeyRateLimit(keyHash: string): number | null {
    return this.cache.peek(`k:${keyHash}`)?.principal.apiKeyRateLimit ?? null;
  }

  /**
   * Runs in the transaction opened with `opening(identity)`; `probed` is the stamp that round trip
   * read. Leaves the transaction bound to the principal's tenant and user.
   */
  async resolve(identity: RequestIdentity, probed: string | null, ip: string): Promise<AuthenticatedPrincipal> {
    const principal = identity.kind === 'session' ? await this.resolveSession(identity, probed) : await this.resolveApiKey(identity, probed, ip);
    const context = currentContext();
    if (context) context.principal = principal;
    return principal;
  }

  private async resolveSession(identity: Extract<RequestIdentity, { kind: 'session' }>, stamp: string | null): Promise<AuthenticatedPrincipal> {
    const key = cacheKey(identity);
    const ended = () => Problems.unauthorized('This session has ended; sign in again.');
    if (stamp === null) {
      this.cache.delete(key);
      throw ended();
    }
    let principal = this.cache.valid(key, stamp)?.principal;
    if (!principal) {
      const loaded = await this.access.load(identity.sessionId, identity.userId, identity.tenantId);
      if (!loaded || loaded.sessionRevoked || loaded.sessionExpired) throw ended();
      principal = {
        userId: loaded.userId,
        email: loaded.email,
        tenantId: loaded.tenantId,
        sessionId: identity.sessionId,
        permissions: loaded.permissions,
        platformRole: loaded.platformRole,
        impersonatorId: loaded.impersonatorId,
        tenantStatus: loaded.tenantStatus,
        membershipActive: loaded.membershipActive,
      };
      // An impersonation also ends when its staff session expires, which no stamp announces: never cached.
      if (!loaded.impersonatorId) this.cache.set(key, { principal, stamp, expiresAt: loaded.sessionExpiresAt.getTime() });
    }
    // Not (or no longer) a member of the token's tenant: the transaction must not stay bound to it.
    if (principal.tenantId !== identity.tenantId) await this.db.bindTenant(principal.tenantId);
    this.activity.touch(identity.sessionId);
    return principal;
  }

  private async resolveApiKey(identity: Extract<RequestIdentity, { kind: 'api-key' }>, probed: string | null, ip: string): Promise<AuthenticatedPrincipal> {
    const key = cacheKey(identity);
    if (probed === null) {
      this.cache.delete(key);
      throw invalidApiKey();
    }
    const slash = probed.lastIndexOf('/');
    const stamp = probed.slice(0, slash);
    const countedThisMonth = Number(probed.slice(slash + 1));
    let entry = this.cache.valid(key, stamp);
    if (!entry) {
      const loaded = await this.apiKeys.loadPrincipal(identity.keyHash);
      entry = { principal: loaded.principal, stamp, expiresAt: loaded.expiresAt, allowedIps: loaded.allowedIps, plan: loaded.plan, apiCallAllowance: loaded.apiCallAllowance };
      this.cache.set(key, entry);
    } else if (currentContext()?.tenantId !== entry.principal.tenantId) {
      await this.db.bindTenant(entry.principal.tenantId);
      await this.db.bindUser(entry.principal.userId);
    }
    const principal = entry.principal;
    if (!ipAllowed(entry.allowedIps ?? [], ip)) throw Problems.forbidden('This API key may not be used from this IP address.');
    const allowance = entry.apiCallAllowance ?? null;
    const counted = await this.apiUsage.record({ tenantId: principal.tenantId!, keyId: principal.apiKeyId!, ip, countedInDb: countedThisMonth, limit: allowance });
    if (!counted) throw planLimitProblem('apiCallsPerMonth', allowance!, allowance!, entry.plan ?? 'free');
    return principal;
  }
}
