import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, NewestFirstQuery, newId, newOpaqueToken, normalizeEmail, type Page, Problems, sha256 } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { EmailService } from '@app/email';
import { LimitsService } from '@app/limits';
import { assertGrantable, RolesService } from '@app/rbac';
import { WebhookEventsService } from '@app/webhooks';
import { OwnersService } from '../members/owners.service';
import { TenantsService } from '../tenants.service';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import type { InvitationQueryDto } from './dto/invitation-query.dto';
import type { InvitationDto, InvitationStatus } from './dto/invitation.dto';
import { INVITATION_STATUS_SQL } from './invitation-status.sql';

export const INVITATION_HOURS = 48;

const INVITATION_SELECT = `
  select i.id, i.email, i.expires_at, i.created_at, ${cursorTimestampSql('i.created_at')} as cursor_at,
         ${INVITATION_STATUS_SQL} as status,
         i.invited_by, iu.name as inviter_name, iu.email as inviter_email,
         coalesce((select json_agg(json_build_object('id', r.id, 'key', r.key, 'name', r.name) order by r.name, r.id)
                     from roles r where r.tenant_id = i.tenant_id and r.id = any(i.role_ids)), '[]'::json) as roles
    from invitations i left join users iu on iu.id = i.invited_by`;

interface InvitationRow {
  id: string;
  email: string;
  expires_at: Date;
  created_at: Date;
  cursor_at: string;
  status: InvitationStatus;
  invited_by: string | null;
  inviter_name: string | null;
  inviter_email: string | null;
  roles: Array<{ id: string; key: string; name: string }>;
}

function toInvitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    roles: row.roles,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    invitedBy: row.invited_by ? { id: row.invited_by, name: row.inviter_name ?? '', email: row.inviter_email ?? '' } : null,
  };
}

/** The tenant side of invitations: invite, list, revoke, resend. Accepting lives in the auth lib. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly roles: RolesService,
    private readonly owners: OwnersService,
    private readonly tenants: TenantsService,
    private readonly email: EmailService,
    private readonly audit: AuditService,
    private readonly limits: LimitsService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async list(query: InvitationQueryDto): Promise<Page<InvitationDto>> {
    const list = new NewestFirstQuery('i');
    list.where(`i.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status) list.where(`(${INVITATION_STATUS_SQL}) = ${list.param(query.status)}`);
    const page = await list.page<InvitationRow>(INVITATION_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { data: page.data.map(toInvitationDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<InvitationDto> {
    const rows: InvitationRow[] = await this.db.manager().query(`${INVITATION_SELECT} where i.tenant_id = $1 and i.id = $2`, [this.db.tenantId(), id]);
    if (!rows[0]) throw Problems.notFound('Invitation');
    return toInvitationDto(rows[0]);
  }

  async create(input: CreateInvitationDto): Promise<InvitationDto> {
    const tenantId = this.db.tenantId();
    const email = normalizeEmail(input.email);
    const roles = await this.roles.requireIds(input.roleIds);
    assertGrantable(roles.flatMap((r) => r.permissions), 'this invitation');
    if (roles.some((r) => r.key === 'owner' && r.isSystem)) await this.owners.assertActorIsOwner('Only an owner can invite someone as owner.');
    await this.lockEmail(email);
    await this.assertNotMember(email);
    await this.revokePendingFor(email, null);
    await this.limits.assertWithin('members');
    const id = newId();
    const token = newOpaqueToken();
    const roleIds = roles.map((r) => r.id);
    await this.db.manager().query(
      `insert into invitations (id, tenant_id, email, role_ids, token_hash, invited_by, expires_at)
       values ($1, $2, $3, $4::uuid[], $5, $6, now() + make_interval(hours => $7))`,
      [id, tenantId, email, roleIds, sha256(token), this.owners.actorId(), INVITATION_HOURS],
    );
    await this.sendEmail(email, token);
    const invitation = await this.get(id);
    await this.audit.record({
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: id,
      after: { email: invitation.email, roleIds, expiresAt: invitation.expiresAt },
    });
    await this.webhooks.publish('invitation.created', invitation);
    return invitation;
  }

  async revoke(id: string): Promise<void> {
    const invitation = await this.get(id);
    const rows = await this.db.manager().query(
      `with revoked as (
         update invitations set revoked_at = now(), updated_at = now()
          where tenant_id = $1 and id = $2 and accepted_at is null and revoked_at is null and expires_at > now() returning id)
       select id from revoked`,
      [this.db.tenantId(), id],
    );
    if (!rows.length) throw Problems.conflict('invitation-not-pending', `This invitation is ${invitation.status}; only a pending invitation can be revoked.`);
    await this.audit.record({
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: id,
      before: { email: invitation.email, status: invitation.status },
      after: { email: invitation.email, status: 'revoked' },
    });
    await this.webhooks.publish('invitation.revoked', { ...(await this.get(id)), reason: 'revoked' });
  }

  /** Sends a new link (the previous one stops working) valid for another 48 hours; works on expired invitations too. */
  async resend(id: string): Promise<InvitationDto> {
    const invitation = await this.get(id);
    if (invitation.status === 'accepted' || invitation.status === 'revoked') {
      throw Problems.conflict('invitation-not-pending', `This invitation is ${invitation.status}; invite the person again instead.`);
    }
    // A new link is a new grant of the invitation's roles: it passes the same ceiling as inviting.
    const roles = await this.roles.requireIds(invitation.roles.map((r) => r.id));
    assertGrantable(roles.flatMap((r) => r.permissions), 'this invitation');
    await this.lockEmail(invitation.email);
    await this.assertNotMember(invitation.email);
    await this.revokePendingFor(invitation.email, id);
    const token = newOpaqueToken();
    const rows = await this.db.manager().query(
      `with renewed as (
         update invitations set token_hash = $3, expires_at = now() + make_interval(hours => $4), updated_at = now()
          where tenant_id = $1 and id = $2 and accepted_at is null and revoked_at is null returning id)
       select id from renewed`,
      [this.db.tenantId(), id, sha256(token), INVITATION_HOURS],
    );
    if (!rows.length) throw Problems.conflict('invitation-not-pending', 'This invitation was accepted or revoked meanwhile.');
    await this.sendEmail(invitation.email, token);
    const renewed = await this.get(id);
    await this.audit.record({
      action: 'invitation.resent',
      entityType: 'invitation',
      entityId: id,
      before: { status: invitation.status, expiresAt: invitation.expiresAt },
      after: { status: renewed.status, expiresAt: renewed.expiresAt },
    });
    return renewed;
  }

  /** Invitations of one address in one tenant are made one after another, so only one stays live. */
  private async lockEmail(email: string): Promise<void> {
    await this.db.manager().query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`invitation:${this.db.tenantId()}:${normalizeEmail(email)}`]);
  }

  private async assertNotMember(email: string): Promise<void> {
    const rows = await this.db.manager().query(
      `select 1 from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and lower(u.email) = lower($2) and m.active`,
      [this.db.tenantId(), normalizeEmail(email)],
    );
    if (rows.length) throw Problems.conflict('already-member', `${email} is already a member of this business.`);
  }

  /** One live invitation per email: a new one (or a resent one) revokes the others still pending. */
  private async revokePendingFor(email: string, exceptId: string | null): Promise<void> {
    const rows: Array<{ id: string }> = await this.db.manager().query(
      `with revoked as (
         update invitations set revoked_at = now(), updated_at = now()
          where tenant_id = $1 and lower(email) = lower($2) and accepted_at is null and revoked_at is null and expires_at > now()
            and id is distinct from $3::uuid
          returning id)
       select id from revoked`,
      [this.db.tenantId(), normalizeEmail(email), exceptId],
    );
    for (const row of rows) {
      await this.audit.record({ action: 'invitation.revoked', entityType: 'invitation', entityId: row.id, before: { email, status: 'pending' }, after: { email, status: 'revoked', reason: 'replaced' } });
      await this.webhooks.publish('invitation.revoked', { ...(await this.get(row.id)), reason: 'replaced' });
    }
  }

  private async sendEmail(email: string, token: string): Promise<void> {
    const tenant = await this.tenants.current();
    const inviter = await this.db.manager().query(`select name from users where id = $1`, [this.owners.actorId()]);
    await this.email.send(
      email,
      'invitation',
      { tenantName: tenant.name, inviterName: inviter[0]?.name ?? 'A team member', link: this.email.link(`/accept-invitation?token=${token}`) },
      tenant.id,
    );
  }
}
