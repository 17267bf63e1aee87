import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, currentContext, cursorTimestampSql, isoOrNull, NewestFirstQuery, newId, newOpaqueToken, type Page, ProblemException, Problems, sha256 } from '@app/core';
import { AuditService } from '@app/audit';
import { Db } from '@app/database';
import { ApiUsage, LimitsService } from '@app/limits';
import { assertGrantable, expandTenantPermissions, isKnownPermissionPattern } from '@app/rbac';
import { AccessService } from '@app/tenants';
import type { AuthenticatedPrincipal } from '@app/core';
import type { ApiKeyQueryDto } from './dto/api-key-query.dto';
import type { ApiKeyDto, ApiKeyStatus, CreatedApiKeyDto } from './dto/api-key.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import { allowlistEntryError } from './ip-allowlist';

const STATUS_SQL = `case when k.revoked_at is not null then 'revoked' when k.expires_at <= now() then 'expired' else 'active' end`;

const API_KEY_SELECT = `
  select k.id, k.name, k.mode, k.prefix, k.last4, k.scopes, k.allowed_ips, k.rate_limit_per_minute, k.expires_at,
         ${STATUS_SQL} as status, k.usage_count, k.last_used_at, k.last_used_ip, k.revoked_at, k.created_at,
         ${cursorTimestampSql('k.created_at')} as cursor_at, k.created_by, u.name as creator_name, u.email as creator_email
    from api_keys k join users u on u.id = k.created_by`;

interface ApiKeyRow {
  id: string;
  name: string;
  mode: 'live' | 'test';
  prefix: string;
  last4: string;
  scopes: string[];
  allowed_ips: string[];
  rate_limit_per_minute: number | null;
  expires_at: Date | null;
  status: ApiKeyStatus;
  usage_count: string;
  last_used_at: Date | null;
  last_used_ip: string | null;
  revoked_at: Date | null;
  created_at: Date;
  cursor_at: string;
  created_by: string;
  creator_name: string;
  creator_email: string;
}


function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    prefix: row.prefix,
    last4: row.last4,
    scopes: row.scopes,
    allowedIps: row.allowed_ips,
    rateLimitPerMinute: row.rate_limit_per_minute,
    expiresAt: isoOrNull(row.expires_at),
    status: row.status,
    createdBy: { id: row.created_by, name: row.creator_name, email: row.creator_email },
    usageCount: Number(row.usage_count),
    lastUsedAt: isoOrNull(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    revokedAt: isoOrNull(row.revoked_at),
    createdAt: row.created_at.toISOString(),
  };
}

const invalidKey = () => new ProblemException('invalid-api-key', 401, 'Unauthorized', 'The API key is not valid, expired or revoked.');

/** API keys: created with scopes no wider than their creator, stored as SHA-256 hashes, revoked at once. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly limits: LimitsService,
    private readonly apiUsage: ApiUsage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private principal(): AuthenticatedPrincipal {
    const principal = currentContext()?.principal as AuthenticatedPrincipal | null | undefined;
    if (!principal) throw Problems.unauthorized();
    if (principal.apiKeyId) throw Problems.forbidden('API keys cannot manage API keys; sign in as a member.');
    return principal;
  }

  async list(query: ApiKeyQueryDto): Promise<Page<ApiKeyDto>> {
    const list = new NewestFirstQuery('k');
    list.where(`k.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status) list.where(`(${STATUS_SQL}) = ${list.param(query.status)}`);
    const page = await list.page<ApiKeyRow>(API_KEY_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { data: await this.withPendingUsage(page.data.map(toApiKeyDto)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ApiKeyDto> {
    const row = await this.row(id);
    if (!row) throw Problems.notFound('API key');
    return (await this.withPendingUsage([toApiKeyDto(row)]))[0];
  }

  private async row(id: string): Promise<ApiKeyRow | undefined> {
    return (await this.db.query<ApiKeyRow>(`${API_KEY_SELECT} where k.tenant_id = $1 and k.id = $2`, [this.db.tenantId(), id]))[0];
  }

  /** Adds the calls still counted in Redis (see ApiUsage) to what the database holds. */
  private async withPendingUsage(keys: ApiKeyDto[]): Promise<ApiKeyDto[]> {
    const pending = await this.apiUsage.pending(this.db.tenantId(), keys.map((k) => k.id));
    return keys.map((key) => {
      const more = pending.get(key.id);
      if (!more) return key;
      const newer = more.lastUsedAt && (!key.lastUsedAt || more.lastUsedAt.getTime() >= Date.parse(key.lastUsedAt));
      return {
        ...key,
        usageCount: key.usageCount + more.calls,
        lastUsedAt: newer ? more.lastUsedAt!.toISOString() : key.lastUsedAt,
        lastUsedIp: newer ? more.lastUsedIp : key.lastUsedIp,
      };
    });
  }

  async create(input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const principal = this.principal();
    const scopes = [...new Set(input.scopes)];
    const unknown = scopes.filter((scope) => !isKnownPermissionPattern(scope));
    if (unknown.length) throw Problems.validation(unknown.map((scope) => ({ field: 'scopes', message: `${scope} is not a permission` })));
    assertGrantable(scopes, 'this key');
    const allowedIps = [...new Set(input.allowedIps ?? [])];
    const ipErrors = allowedIps.map(allowlistEntryError).filter((e): e is string => e !== null);
    if (ipErrors.length) throw Problems.validation(ipErrors.map((message) => ({ field: 'allowedIps', message })));
    if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
      throw Problems.validation([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const cap = this.config.rateLimits.apiKey;
    if (input.rateLimitPerMinute !== undefined && input.rateLimitPerMinute > cap) {
      throw Problems.validation([{ field: 'rateLimitPerMinute', message: `rateLimitPerMinute may only lower the platform limit of ${cap} requests per minute per key` }]);
    }
    const mode = input.mode ?? 'live';
    const key = `sk_${mode}_${newOpaqueToken(24)}`;
    const id = newId();
    await this.db.manager().query(
      `insert into api_keys (id, tenant_id, name, mode, prefix, last4, key_hash, scopes, allowed_ips, rate_limit_per_minute, expires_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, this.db.tenantId(), input.name, mode, key.slice(0, 12), key.slice(-4), sha256(key), scopes, allowedIps,
        input.rateLimitPerMinute ?? null, input.expiresAt ?? null, principal.userId],
    );
    // A new key has no usage yet: read the row alone.
    const created = toApiKeyDto((await this.row(id))!);
    await this.audit.record({
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: id,
      after: { name: created.name, mode, prefix: created.prefix, scopes, allowedIps, rateLimitPerMinute: created.rateLimitPerMinute, expiresAt: created.expiresAt },
    });
    return { ...created, key };
  }

  async revoke(id: string): Promise<void> {
    const principal = this.principal();
    const key = await this.get(id);
    if (key.status === 'revoked') throw Problems.conflict('api-key-revoked', 'This API key is already revoked.');
    await this.db.manager().query(
      `update api_keys set revoked_at = now(), revoked_by = $3 where tenant_id = $1 and id = $2`,
      [this.db.tenantId(), id, principal.userId],
    );
    await this.audit.record({ action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: { name: key.name, prefix: key.prefix, status: key.status } });
  }

  /**
   * Turns a key (by its digest) into a principal: the key's scopes, cut down to what its creator holds
   * now, checked against expiry and revocation. Runs in the request's transaction and binds it to the
   * key's tenant and creator. The IP allowlist and the monthly allowance are checked per request by
   * the caller (PrincipalService), also for a cached principal.
   */
  async loadPrincipal(keyHash: string): Promise<LoadedApiKey> {
    await this.db.bindApiKeyHash(keyHash);
    const rows = await this.db.query<{ id: string; tenant_id: string; created_by: string; scopes: string[]; allowed_ips: string[]; rate_limit_per_minute: number | null; expires_at: Date | null; usable: boolean }>(
      `select k.id, k.tenant_id, k.created_by, k.scopes, k.allowed_ips, k.rate_limit_per_minute, k.expires_at,
              k.revoked_at is null and (k.expires_at is null or k.expires_at > now()) as usable
         from api_keys k where k.key_hash = $1`,
      [keyHash],
    );
    const key = rows[0];
    if (!key || !key.usable) throw invalidKey();
    await this.db.bindTenant(key.tenant_id);
    await this.db.bindUser(key.created_by);
    const member = await this.access.memberAccess(key.created_by, key.tenant_id);
    if (!member) throw invalidKey();
    const granted = expandTenantPermissions(key.scopes);
    const permissions = new Set([...granted].filter((permission) => member.permissions.has(permission)));
    return {
      principal: {
        userId: key.created_by,
        email: member.email,
        tenantId: key.tenant_id,
        sessionId: null,
        permissions,
        platformRole: null,
        impersonatorId: null,
        apiKeyId: key.id,
        apiKeyRateLimit: key.rate_limit_per_minute,
        tenantStatus: member.tenantStatus,
        membershipActive: member.membershipActive,
      },
      allowedIps: key.allowed_ips,
      expiresAt: key.expires_at ? key.expires_at.getTime() : Number.POSITIVE_INFINITY,
      plan: member.plan,
      apiCallAllowance: this.limits.apiCallAllowance(member.plan),
    };
  }
}

export interface LoadedApiKey {
  principal: AuthenticatedPrincipal;
  allowedIps: string[];
  /** When the key expires (ms since epoch; infinite without expiry). */
  expiresAt: number;
  /** The tenant's plan and its monthly API calls (null: unlimited). */
  plan: string;
  apiCallAllowance: number | null;
}

export { invalidKey as invalidApiKey };
