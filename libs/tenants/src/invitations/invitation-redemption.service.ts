import { Injectable } from '@nestjs/common';
import { Problems, sha256 } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { WebhookEventsService } from '@app/webhooks';
import { TenantsService } from '../tenants.service';

export interface OpenInvitation {
  id: string;
  tenantId: string;
  tenantName: string;
  email: string;
  roleIds: string[];
}

interface TokenRow {
  id: string;
  tenant_id: string;
  email: string;
  role_ids: string[];
  accepted_at: Date | null;
  revoked_at: Date | null;
  expired: boolean;
}

/**
 * The invitee's side, reached by the secret token before any tenant is known (public routes).
 * Opening a token binds the transaction to the invitation's tenant.
 */
@Injectable()
export class InvitationRedemptionService {
  constructor(
    private readonly db: Db,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  /**
   * Finds the invitation of a token and checks it is still usable. With `lock`, the row stays locked
   * until the transaction ends, so a token is accepted once even when two requests race.
   */
  async open(token: string, options: { lock?: boolean } = {}): Promise<OpenInvitation> {
    const tokenHash = sha256(token);
    await this.db.bindInvitationToken(tokenHash);
    const found: Array<{ id: string; tenant_id: string }> = await this.db.manager().query(`select id, tenant_id from invitations where token_hash = $1`, [tokenHash]);
    await this.db.bindInvitationToken('');
    if (!found[0]) throw Problems.notFound('Invitation');
    await this.db.bindTenant(found[0].tenant_id);
    const rows: TokenRow[] = await this.db.manager().query(
      `select id, tenant_id, email, role_ids, accepted_at, revoked_at, expires_at <= now() as expired
         from invitations where tenant_id = $1 and id = $2 and token_hash = $3 ${options.lock ? 'for update' : ''}`,
      [found[0].tenant_id, found[0].id, tokenHash],
    );
    const row = rows[0];
    if (!row) throw Problems.notFound('Invitation');
    if (row.accepted_at || row.revoked_at) throw Problems.gone('invitation-invalid', 'This invitation was already used or has been revoked.');
    if (row.expired) throw Problems.gone('invitation-expired', 'This invitation has expired; ask for a new one.');
    const tenant = await this.tenants.current();
    return { id: row.id, tenantId: row.tenant_id, tenantName: tenant.name, email: row.email, roleIds: row.role_ids };
  }

  /**
   * Makes the user a member with the invited roles and marks the invitation accepted. Call after
   * `open(token, { lock: true })` in the same transaction.
   */
  async complete(invitation: OpenInvitation, user: { id: string; email: string }): Promise<string> {
    const tenantId = this.db.tenantId();
    const existing: Array<{ id: string; active: boolean }> = await this.db.manager().query(
      `select id, active from memberships where tenant_id = $1 and user_id = $2`,
      [tenantId, user.id],
    );
    if (existing[0]?.active) throw Problems.conflict('already-member', 'You are already a member of this business.');
    // A returning (deactivated) member gets exactly the invited roles, not their old ones as well.
    if (existing[0]) await this.db.manager().query(`delete from membership_roles where tenant_id = $1 and membership_id = $2`, [tenantId, existing[0].id]);
    const roles: Array<{ id: string }> = await this.db.manager().query(
      `select id from roles where tenant_id = $1 and id = any($2::uuid[]) order by id`,
      [tenantId, invitation.roleIds],
    );
    if (!roles.length) throw Problems.conflict('invitation-roles-missing', 'The roles of this invitation no longer exist; ask for a new invitation.');
    const membershipId = await this.tenants.addMember(tenantId, user.id, roles.map((r) => r.id));
    await this.db.manager().query(
      `update invitations set accepted_at = now(), accepted_by = $3, updated_at = now() where tenant_id = $1 and id = $2`,
      [tenantId, invitation.id, user.id],
    );
    await this.audit.record({
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: invitation.id,
      actorId: user.id,
      actorEmail: user.email,
      before: { status: 'pending' },
      after: { status: 'accepted', userId: user.id, membershipId, roleIds: roles.map((r) => r.id), reactivated: Boolean(existing[0]) },
    });
    await this.webhooks.publish('invitation.accepted', { id: invitation.id, email: invitation.email, userId: user.id, membershipId });
    await this.webhooks.publish('member.joined', { id: membershipId, userId: user.id, email: user.email, roleIds: roles.map((r) => r.id), invitationId: invitation.id });
    return membershipId;
  }
}
