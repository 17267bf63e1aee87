import { Injectable } from '@nestjs/common';
import { Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { InvitationRedemptionService } from '@app/tenants';
import { AuthService } from './auth.service';
import { PASSWORD_RULE, type TokensDto } from './dto/auth.dto';
import type { AcceptInvitationDto, InvitationLookupDto } from './dto/invitation-acceptance.dto';
import { TokensService } from './tokens.service';
import { User } from './user.entity';

/** Turns an invitation link into a membership: for a new account (created here) or an existing one (password checked). */
@Injectable()
export class InvitationAcceptanceService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
    private readonly redemption: InvitationRedemptionService,
    private readonly audit: AuditService,
  ) {}

  async lookup(token: string): Promise<InvitationLookupDto> {
    const invitation = await this.redemption.open(token);
    const user = await this.auth.findUserByEmail(invitation.email);
    return { email: invitation.email, tenantName: invitation.tenantName, userExists: user !== null };
  }

  async accept(input: AcceptInvitationDto): Promise<TokensDto> {
    const invitation = await this.redemption.open(input.token, { lock: true });
    const existing = await this.auth.findUserByEmail(invitation.email);
    let user: User;
    if (existing) {
      user = await this.auth.checkCredentials({ email: existing.email, password: input.password, totpCode: input.totpCode });
    } else {
      const errors = [];
      if (!input.name?.trim()) errors.push({ field: 'name', message: 'name is required to create your account' });
      if (!PASSWORD_RULE.test(input.password)) errors.push({ field: 'password', message: 'password must be 10 to 128 characters with at least one letter and one digit' });
      if (errors.length) throw Problems.validation(errors);
      user = await this.auth.createUser(invitation.email, input.name!, input.password);
      await this.audit.record({ action: 'user.signed_up', entityType: 'user', entityId: user.id, actorId: user.id, actorEmail: user.email, after: { email: user.email, name: user.name, via: 'invitation' } });
    }
    // Following the emailed link proves the address.
    if (!user.emailVerifiedAt) await this.db.repo(User).update({ id: user.id }, { emailVerifiedAt: new Date() });
    await this.redemption.complete(invitation, user);
    await this.db.bindUser(user.id);
    const session = await this.tokens.openSession(user.id, invitation.tenantId);
    await this.audit.record({ action: 'auth.signed_in', entityType: 'auth_session', entityId: session.sessionId, actorId: user.id, actorEmail: user.email });
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, expiresIn: session.expiresIn, tenantId: session.tenantId };
  }
}
