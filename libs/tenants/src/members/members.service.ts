import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, NewestFirstQuery, normalizeEmail, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { LimitsService } from '@app/limits';
import { AuditService } from '@app/audit';
import { assertGrantable, RolesService } from '@app/rbac';
import { WebhookEventsService } from '@app/webhooks';
import { containsPattern } from '../like-pattern';
import type { MemberQueryDto } from './dto/member-query.dto';
import type { MemberDto } from './dto/member.dto';
import type { UpdateMemberDto } from './dto/update-member.dto';
import { OwnersService } from './owners.service';

const MEMBER_SELECT = `
  select m.id, m.user_id, u.email, u.name, m.active, m.created_at, ${cursorTimestampSql('m.created_at')} as cursor_at,
         coalesce((select json_agg(json_build_object('id', r.id, 'key', r.key, 'name', r.name) order by r.name, r.id)
                     from membership_roles mr join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id
                    where mr.tenant_id = m.tenant_id and mr.membership_id = m.id), '[]'::json) as roles
    from memberships m join users u on u.id = m.user_id`;

interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  name: string;
  active: boolean;
  created_at: Date;
  cursor_at: string;
  roles: Array<{ id: string; key: string; name: string }>;
}

function toMemberDto(row: MemberRow): MemberDto {
  return { id: row.id, userId: row.user_id, email: row.email, name: row.name, roles: row.roles, active: row.active, createdAt: row.created_at.toISOString() };
}

const isOwner = (member: MemberDto) => member.roles.some((r) => r.key === 'owner');

@Injectable()
export class MembersService {
  constructor(
    private readonly db: Db,
    private readonly roles: RolesService,
    private readonly owners: OwnersService,
    private readonly audit: AuditService,
    private readonly limits: LimitsService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async list(query: MemberQueryDto): Promise<Page<MemberDto>> {
    const list = new NewestFirstQuery('m');
    list.where(`m.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.q) {
      const name = list.param(containsPattern(query.q.normalize('NFC')));
      const email = list.param(containsPattern(normalizeEmail(query.q)));
      list.where(`(u.name ilike ${name} escape '\\' or u.email ilike ${email} escape '\\')`);
    }
    if (query.role) {
      list.where(`exists (select 1 from membership_roles fr join roles f on f.tenant_id = fr.tenant_id and f.id = fr.role_id
                           where fr.tenant_id = m.tenant_id and fr.membership_id = m.id and f.key = ${list.param(query.role)})`);
    }
    const page = await list.page<MemberRow>(MEMBER_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { data: page.data.map(toMemberDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<MemberDto> {
    const rows: MemberRow[] = await this.db.manager().query(`${MEMBER_SELECT} where m.tenant_id = $1 and m.id = $2`, [this.db.tenantId(), id]);
    if (!rows[0]) throw Problems.notFound('Member');
    return toMemberDto(rows[0]);
  }

  async update(id: string, input: UpdateMemberDto): Promise<MemberDto> {
    await this.owners.lock();
    const before = await this.get(id);
    let member = before;
    if (input.roleIds !== undefined) {
      member = await this.changeRoles(member, input.roleIds);
    }
    if (input.active !== undefined && input.active !== member.active) {
      await this.changeActive(member, input.active);
    }
    const after = await this.get(id);
    if (JSON.stringify(after.roles) !== JSON.stringify(before.roles) || after.active !== before.active) {
      await this.webhooks.publish('member.updated', { ...after, previous: { roles: before.roles, active: before.active } });
    }
    return after;
  }

  private async changeRoles(member: MemberDto, roleIds: string[]): Promise<MemberDto> {
    const roles = await this.roles.requireIds(roleIds);
    const held = new Set(member.roles.map((r) => r.id));
    assertGrantable(roles.filter((r) => !held.has(r.id)).flatMap((r) => r.permissions), 'these roles');
    const wasOwner = isOwner(member);
    const willBeOwner = roles.some((r) => r.key === 'owner' && r.isSystem);
    if (wasOwner !== willBeOwner) {
      await this.owners.assertActorIsOwner('Only an owner can grant or remove the owner role.');
      if (wasOwner && member.active) await this.owners.assertAnotherActiveOwner(member.id);
    }
    const before = new Set(member.roles.map((r) => r.id));
    const after = new Set(roles.map((r) => r.id));
    if (before.size === after.size && [...after].every((roleId) => before.has(roleId))) return member;
    const tenantId = this.db.tenantId();
    await this.db.manager().query(
      `delete from membership_roles where tenant_id = $1 and membership_id = $2 and not (role_id = any($3::uuid[]))`,
      [tenantId, member.id, [...after]],
    );
    await this.db.manager().query(
      `insert into membership_roles (tenant_id, membership_id, role_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing`,
      [tenantId, member.id, [...after]],
    );
    const changed = await this.get(member.id);
    await this.audit.record({
      action: 'member.roles_changed',
      entityType: 'membership',
      entityId: member.id,
      before: { userId: member.userId, roles: member.roles },
      after: { userId: member.userId, roles: changed.roles },
    });
    return changed;
  }

  private async changeActive(member: MemberDto, active: boolean): Promise<void> {
    if (isOwner(member)) {
      await this.owners.assertActorIsOwner('Only an owner can deactivate or reactivate an owner.');
      if (!active && member.active) await this.owners.assertAnotherActiveOwner(member.id);
    }
    if (!active && member.userId === this.owners.actorId()) {
      throw Problems.conflict('cannot-change-self', 'You cannot deactivate your own membership.');
    }
    if (active) await this.limits.assertWithin('members');
    await this.db.manager().query(`update memberships set active = $3, updated_at = now() where tenant_id = $1 and id = $2`, [this.db.tenantId(), member.id, active]);
    await this.audit.record({
      action: active ? 'member.activated' : 'member.deactivated',
      entityType: 'membership',
      entityId: member.id,
      before: { userId: member.userId, active: member.active },
      after: { userId: member.userId, active },
    });
  }

  /** Removes a membership (its roles go with it) and signs the user out of this tenant everywhere. */
  async remove(id: string): Promise<void> {
    await this.owners.lock();
    const member = await this.get(id);
    const tenantId = this.db.tenantId();
    if (isOwner(member)) {
      await this.owners.assertActorIsOwner('Only an owner can remove an owner.');
      if (member.active) await this.owners.assertAnotherActiveOwner(member.id);
    }
    if (member.userId === this.owners.actorId()) throw Problems.conflict('cannot-remove-self', 'You cannot remove yourself from this business.');
    await this.db.manager().query(`delete from memberships where tenant_id = $1 and id = $2`, [tenantId, member.id]);
    const revoked = await this.db.manager().query(
      `with revoked as (
         update auth_sessions set revoked_at = now(), revoked_reason = 'membership_removed'
          where user_id = $1 and tenant_id = $2 and revoked_at is null returning id)
       select count(*)::int as n from revoked`,
      [member.userId, tenantId],
    );
    await this.audit.record({
      action: 'member.removed',
      entityType: 'membership',
      entityId: member.id,
      before: member,
      after: { revokedSessions: revoked[0].n },
    });
    await this.webhooks.publish('member.removed', member);
  }
}
