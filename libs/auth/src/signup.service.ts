import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, newId, newOpaqueToken, Problems, sha256 } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { EmailService } from '@app/email';
import { TenantsService, toTenantDto } from '@app/tenants';
import { AuthService } from './auth.service';
import type { SignupDto, SignupResultDto } from './dto/auth.dto';
import { toTokensDto } from './tokens-dto';
import { TokensService } from './tokens.service';

const CONFIRM_HOURS = 24;

interface SignupRequestRow {
  id: string;
  email: string;
  name: string;
  tenant_name: string;
  password_hash: string;
}

/**
 * Signup in two steps, so its answer says nothing about whether an address has an account: the request
 * emails a confirmation link (or, for an existing account, a notice to its owner), and opening the link
 * creates the account, verified, with its business.
 */
@Injectable()
export class SignupService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly tenants: TenantsService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly email: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(input: SignupDto): Promise<void> {
    // Hashed on both paths, so the answer takes as long for an existing address as for a new one.
    const passwordHash = await this.auth.hashPassword(input.password);
    const existing = await this.auth.findUserByEmail(input.email);
    if (existing) {
      await this.email.send(existing.email, 'signup-existing-account', { name: existing.name, link: this.email.link('/login') });
      await this.audit.record({ action: 'user.signup_existing_account', entityType: 'user', entityId: existing.id, tenantId: null });
      return;
    }
    await this.db.manager().query(
      `update signup_requests set expires_at = least(expires_at, now()) where lower(email) = lower($1) and confirmed_at is null`,
      [input.email],
    );
    const id = newId();
    const token = newOpaqueToken();
    await this.db.manager().query(
      `insert into signup_requests (id, email, name, tenant_name, password_hash, token_hash, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7))`,
      [id, input.email, input.name.trim(), input.tenantName.trim(), passwordHash, sha256(token), CONFIRM_HOURS],
    );
    await this.email.send(input.email, 'signup-confirm', { name: input.name.trim(), tenantName: input.tenantName.trim(), link: this.email.link(`/confirm-signup?token=${token}`) });
    await this.audit.record({ action: 'user.signup_requested', entityType: 'signup_request', entityId: id, tenantId: null, after: { email: input.email, tenantName: input.tenantName.trim() } });
  }

  /** Opens a confirmation link once: creates the verified account and its business, and signs in. */
  async confirm(token: string): Promise<SignupResultDto> {
    const rows: SignupRequestRow[] = await this.db.manager().query(
      `with confirmed as (
         update signup_requests set confirmed_at = now()
          where token_hash = $1 and confirmed_at is null and expires_at > now()
          returning id, email, name, tenant_name, password_hash)
       select * from confirmed`,
      [sha256(token)],
    );
    const request = rows[0];
    if (!request) throw Problems.gone('token-invalid', 'This link is invalid, expired or already used.');
    const user = await this.auth.insertUser(request.email, request.name, request.password_hash, null, true);
    const tenant = await this.tenants.create(request.tenant_name, user.id, this.config.tenantApproval === 'auto' ? 'active' : 'pending');
    await this.audit.record({ action: 'user.signed_up', entityType: 'user', entityId: user.id, actorId: user.id, actorEmail: user.email, after: { email: user.email, name: user.name } });
    const session = await this.tokens.openSession(user.id, tenant.id);
    return { user: { id: user.id, email: user.email, name: user.name }, tenant: toTenantDto(tenant), tokens: toTokensDto(session) };
  }
}
