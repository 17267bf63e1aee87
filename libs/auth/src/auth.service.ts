import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { authenticator } from 'otplib';
import {
  APP_CONFIG,
  type AppConfig,
  CommittingProblem,
  decryptSecret,
  encryptSecret,
  newId,
  newOpaqueToken,
  normalizeEmail,
  Problems,
  ProblemException,
  sha256,
  type Principal,
} from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { EmailService } from '@app/email';
import { AccessService, DEFAULT_TENANT_SETTINGS } from '@app/tenants';
import type { LoginDto, MeDto, TokensDto, TotpSetupDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { toTokensDto } from './tokens-dto';
import { TokensService } from './tokens.service';
import { totpStepOf } from './totp-step';
import { User } from './user.entity';

const ARGON2_OPTIONS = { type: argon2.argon2id as 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const RESET_MINUTES = 15;
const VERIFY_HOURS = 48;
const emailTaken = () => Problems.conflict('email-taken', 'An account with this email already exists.');

@Injectable()
export class AuthService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly tokens: TokensService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly email: EmailService,
    private readonly throttle: LoginThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const rows = await this.db.repo(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: normalizeEmail(email) }).getMany();
    return rows[0] ?? null;
  }

  async createUser(email: string, name: string, password: string, platformRole: string | null = null): Promise<User> {
    if (await this.findUserByEmail(email)) throw emailTaken();
    return this.insertUser(email, name, await this.hashPassword(password), platformRole);
  }

  /** Creates an account whose password is already hashed (a confirmed signup); 409 `email-taken` if the address has one. */
  async insertUser(email: string, name: string, passwordHash: string, platformRole: string | null = null, emailVerified = false): Promise<User> {
    if (await this.findUserByEmail(email)) throw emailTaken();
    const id = newId();
    // A parallel signup of the same address may have committed since the check: the unique index decides.
    const inserted = await this.db.manager().query(
      `insert into users (id, email, name, password_hash, platform_role, email_verified_at) values ($1, $2, $3, $4, $5, $6)
       on conflict ((lower(email))) do nothing returning id`,
      [id, normalizeEmail(email), name.trim(), passwordHash, platformRole, emailVerified ? new Date() : null],
    );
    if (!inserted.length) throw emailTaken();
    await this.db.bindUser(id);
    return this.db.repo(User).findOneByOrFail({ id });
  }

  /** Checks a password in constant-ish time whether or not the user exists. */
  private async passwordMatches(user: User | null, password: string): Promise<boolean> {
    if (!user) {
      this.dummyHash ??= this.hashPassword(newOpaqueToken());
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(user.passwordHash, password).catch(() => false);
  }

  /**
   * Checks email + password (+ TOTP code when two-factor is on) with the sign-in throttle; returns the
   * user or throws invalid-credentials / totp-required / invalid-totp / login-locked.
   */
  async checkCredentials(input: { email: string; password: string; totpCode?: string }): Promise<User> {
    await this.throttle.claimAttempt(input.email);
    const user = await this.findUserByEmail(input.email);
    if (!(await this.passwordMatches(user, input.password)) || !user) throw Problems.invalidCredentials();
    if (user.totpSecretEnc) {
      if (!input.totpCode) {
        throw new ProblemException('totp-required', 401, 'Two-factor code required', 'Enter the six-digit code from your authenticator app.');
      }
      const accepted = await this.acceptTotpStep(user.id, user.totpSecretEnc, input.totpCode, 'totp_secret_enc', '');
      if (!accepted) throw new ProblemException('invalid-totp', 401, 'Invalid two-factor code', 'The six-digit code is not correct.');
    }
    await this.throttle.reset(input.email);
    return user;
  }

  async login(input: LoginDto): Promise<TokensDto> {
    const user = await this.checkCredentials(input);
    await this.db.bindUser(user.id);
    const tenantId = await this.access.defaultTenant(user.id);
    if (tenantId) await this.db.bindTenant(tenantId);
    const tokens = await this.tokens.openSession(user.id, tenantId);
    await this.audit.record({ action: 'auth.signed_in', entityType: 'auth_session', entityId: tokens.sessionId, tenantId, actorId: user.id, actorEmail: user.email });
    return toTokensDto(tokens);
  }

  async refresh(refreshToken: string): Promise<TokensDto> {
    const result = await this.tokens.rotate(refreshToken);
    if (result.reused) {
      await this.audit.record({ action: 'auth.refresh_reused', entityType: 'auth_session', entityId: result.sessionId, tenantId: null, actorId: result.userId });
      throw new CommittingProblem(Problems.unauthorized('This refresh token was already used; the session has been signed out everywhere it was used.'));
    }
    return toTokensDto(result);
  }

  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.tokens.revokeSession(principal.sessionId, 'logout');
    await this.audit.record({ action: 'auth.signed_out', entityType: 'auth_session', entityId: principal.sessionId });
  }

  async switchTenant(principal: Principal, tenantId: string): Promise<TokensDto> {
    if (!principal.sessionId || principal.impersonatorId) throw Problems.forbidden('An impersonation session cannot switch tenants.');
    const membership = (await this.access.membershipsOf(principal.userId)).find((m) => m.tenantId === tenantId && m.active);
    if (!membership) throw Problems.notFound('Tenant');
    await this.db.bindTenant(tenantId);
    const tokens = await this.tokens.switchTenant(principal.sessionId, principal.userId, tenantId);
    await this.audit.record({ action: 'auth.tenant_switched', entityType: 'auth_session', entityId: principal.sessionId, tenantId });
    return tokens;
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.db.repo(User).findOneByOrFail({ id: principal.userId });
    const memberships = await this.access.membershipsOf(user.id);
    const active = memberships.find((m) => m.tenantId === principal.tenantId) ?? null;
    let impersonatedBy: MeDto['impersonatedBy'] = null;
    if (principal.impersonatorId) {
      const impersonator = await this.db.repo(User).findOneBy({ id: principal.impersonatorId });
      impersonatedBy = impersonator ? { id: impersonator.id, email: impersonator.email } : null;
    }
    // How the SPA shows dates and money for every member, whatever their permissions (tenant settings need tenant:read).
    const [locale] = active
      ? await this.db.query<{ timezone: string | null; currency: string | null }>(`select settings->>'timezone' as timezone, settings->>'defaultCurrency' as currency from tenants where id = $1`, [active.tenantId])
      : [];
    return {
      user: { id: user.id, email: user.email, name: user.name, emailVerified: !!user.emailVerifiedAt, totpEnabled: !!user.totpSecretEnc, platformRole: principal.platformRole },
      activeTenant: active
        ? {
            id: active.tenantId,
            name: active.tenantName,
            slug: active.tenantSlug,
            status: active.tenantStatus,
            statusReason: active.tenantStatusReason,
            timezone: locale?.timezone ?? DEFAULT_TENANT_SETTINGS.timezone,
            defaultCurrency: locale?.currency ?? DEFAULT_TENANT_SETTINGS.defaultCurrency,
          }
        : null,
      memberships,
      permissions: [...principal.permissions].sort(),
      impersonatedBy,
    };
  }

  // --- one-time tokens (password reset, email verification) ---

  /** Serialises every issue and use of a user's one-time tokens (parallel requests queue here until commit). */
  private async lockUser(userId: string): Promise<void> {
    await this.db.manager().query(`select 1 from users where id = $1 for update`, [userId]);
  }

  /** A new token of a purpose; the user's earlier ones of that purpose stop working. */
  private async issueUserToken(userId: string, purpose: 'password_reset' | 'email_verification', minutes: number): Promise<string> {
    const token = newOpaqueToken();
    await this.lockUser(userId);
    await this.db.manager().query(`update user_tokens set used_at = now() where user_id = $1 and purpose = $2 and used_at is null`, [userId, purpose]);
    await this.db.manager().query(
      `insert into user_tokens (id, user_id, purpose, token_hash, expires_at) values ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [newId(), userId, purpose, sha256(token), minutes],
    );
    return token;
  }

  /** Uses a token: it and every other open token of the user for that purpose are spent at once. */
  private async consumeUserToken(token: string, purpose: 'password_reset' | 'email_verification'): Promise<string> {
    const invalid = () => Problems.gone('token-invalid', 'This link is invalid, expired or already used.');
    const tokenHash = sha256(token);
    const found: Array<{ user_id: string }> = await this.db.manager().query(
      `select user_id from user_tokens where token_hash = $1 and purpose = $2 and used_at is null`,
      [tokenHash, purpose],
    );
    if (!found[0]) throw invalid();
    await this.lockUser(found[0].user_id);
    const spent: Array<{ token_hash: string; live: boolean }> = await this.db.manager().query(
      `with open as (
         select id, token_hash, expires_at > now() as live from user_tokens where user_id = $1 and purpose = $2 and used_at is null),
       spent as (update user_tokens set used_at = now() where id in (select id from open) returning id)
       select o.token_hash, o.live from open o join spent s on s.id = o.id`,
      [found[0].user_id, purpose],
    );
    // The token must still be open after the lock (a parallel use may have spent it) and not expired.
    if (!spent.some((row) => row.token_hash === tokenHash && row.live)) throw new CommittingProblem(invalid());
    return found[0].user_id;
  }

  private async sendVerification(user: User): Promise<void> {
    const token = await this.issueUserToken(user.id, 'email_verification', VERIFY_HOURS * 60);
    await this.email.send(user.email, 'verify-email', { name: user.name, link: this.email.link(`/verify-email?token=${token}`) });
  }

  async resendVerification(principal: Principal): Promise<void> {
    const user = await this.db.repo(User).findOneByOrFail({ id: principal.userId });
    if (user.emailVerifiedAt) throw Problems.conflict('already-verified', 'This email address is already verified.');
    await this.sendVerification(user);
    await this.audit.record({ action: 'user.verification_sent', entityType: 'user', entityId: user.id });
  }

  async verifyEmail(token: string): Promise<void> {
    const userId = await this.consumeUserToken(token, 'email_verification');
    await this.db.repo(User).update({ id: userId }, { emailVerifiedAt: new Date() });
    await this.audit.record({ action: 'user.email_verified', entityType: 'user', entityId: userId, tenantId: null, actorId: userId });
  }

  async forgotPassword(email: string): Promise<void> {
    const user = await this.findUserByEmail(email);
    if (!user) return; // same answer whether or not the account exists
    const token = await this.issueUserToken(user.id, 'password_reset', RESET_MINUTES);
    await this.email.send(user.email, 'password-reset', { name: user.name, link: this.email.link(`/reset-password?token=${token}`) });
    await this.audit.record({ action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, tenantId: null, actorId: user.id, actorEmail: user.email });
  }

  async resetPassword(token: string, password: string): Promise<void> {
    const userId = await this.consumeUserToken(token, 'password_reset');
    await this.db.bindUser(userId);
    await this.db.repo(User).update({ id: userId }, { passwordHash: await this.hashPassword(password), passwordChangedAt: new Date() });
    await this.tokens.revokeAllSessions(userId, 'password_reset');
    const user = await this.db.repo(User).findOneByOrFail({ id: userId });
    await this.throttle.reset(user.email);
    await this.audit.record({ action: 'user.password_reset', entityType: 'user', entityId: userId, tenantId: null, actorId: userId, actorEmail: user.email });
  }

  // --- TOTP ---

  /**
   * Accepts a code once: its time step must be newer than the user's last accepted one, checked and
   * recorded in one UPDATE (a parallel use of the same code waits for the row and then fails), and
   * `secretColumn` must still hold `sealed`. `assignments` are applied in the same statement.
   */
  private async acceptTotpStep(userId: string, sealed: string, code: string, secretColumn: 'totp_secret_enc' | 'totp_pending_secret_enc', assignments: string): Promise<boolean> {
    const step = totpStepOf(decryptSecret(sealed, this.config.encryptionKey), code);
    if (step === null) return false;
    const rows = await this.db.manager().query(
      `with accepted as (
         update users set totp_last_step = $2${assignments}, updated_at = now()
          where id = $1 and ${secretColumn} = $3 and (totp_last_step is null or totp_last_step < $2) returning id)
       select id from accepted`,
      [userId, step, sealed],
    );
    return rows.length === 1;
  }

  async totpSetup(principal: Principal): Promise<TotpSetupDto> {
    const user = await this.db.repo(User).findOneByOrFail({ id: principal.userId });
    if (user.totpSecretEnc) throw Problems.conflict('totp-enabled', 'Two-factor authentication is already on; turn it off first.');
    const secret = authenticator.generateSecret(20);
    await this.db.repo(User).update({ id: user.id }, { totpPendingSecretEnc: encryptSecret(secret, this.config.encryptionKey) });
    await this.audit.record({ action: 'user.totp_setup_started', entityType: 'user', entityId: user.id });
    return { secret, otpauthUrl: authenticator.keyuri(user.email, 'Back Office', secret) };
  }

  async totpEnable(principal: Principal, code: string): Promise<void> {
    const user = await this.db.repo(User).findOneByOrFail({ id: principal.userId });
    if (!user.totpPendingSecretEnc) throw Problems.conflict('totp-not-started', 'Start two-factor setup first.');
    await this.throttle.claimCodeAttempt(user.id);
    const enabled = await this.acceptTotpStep(user.id, user.totpPendingSecretEnc, code, 'totp_pending_secret_enc', ', totp_secret_enc = totp_pending_secret_enc, totp_pending_secret_enc = null, totp_enabled_at = now()');
    if (!enabled) throw Problems.validation([{ field: 'code', message: 'the code is not correct' }]);
    await this.throttle.resetCodeAttempts(user.id);
    await this.audit.record({ action: 'user.totp_enabled', entityType: 'user', entityId: user.id });
  }

  async totpDisable(principal: Principal, code: string): Promise<void> {
    const user = await this.db.repo(User).findOneByOrFail({ id: principal.userId });
    if (!user.totpSecretEnc) throw Problems.conflict('totp-disabled', 'Two-factor authentication is not on.');
    await this.throttle.claimCodeAttempt(user.id);
    const disabled = await this.acceptTotpStep(user.id, user.totpSecretEnc, code, 'totp_secret_enc', ', totp_secret_enc = null, totp_enabled_at = null');
    if (!disabled) throw Problems.validation([{ field: 'code', message: 'the code is not correct' }]);
    await this.throttle.resetCodeAttempts(user.id);
    await this.audit.record({ action: 'user.totp_disabled', entityType: 'user', entityId: user.id });
  }
}
