import { Injectable } from '@nestjs/common';
import { currentContext, Problems } from '@app/core';
import { Db } from '@app/database';

/** Who owns the current tenant: the rules that keep at least one active owner and let only owners hand out ownership. */
@Injectable()
export class OwnersService {
  constructor(private readonly db: Db) {}

  /**
   * Locks the tenant's owner role row until the transaction ends, so two concurrent changes cannot
   * each remove "the other" owner. Returns the owner role id.
   */
  async lock(): Promise<string> {
    const rows = await this.db.manager().query(
      `select id from roles where tenant_id = $1 and key = 'owner' and is_system for update`,
      [this.db.tenantId()],
    );
    if (!rows[0]) throw Problems.conflict('owner-role-missing', 'This business has no owner role.');
    return rows[0].id;
  }

  /** The signed-in user's id; every route using this service is authenticated. */
  actorId(): string {
    const userId = currentContext()?.principal?.userId;
    if (!userId) throw Problems.unauthorized();
    return userId;
  }

  async isActiveOwner(userId: string): Promise<boolean> {
    const rows = await this.db.manager().query(
      `select 1 from memberships m
         join membership_roles mr on mr.tenant_id = m.tenant_id and mr.membership_id = m.id
         join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id
        where m.tenant_id = $1 and m.user_id = $2 and m.active and r.key = 'owner' and r.is_system`,
      [this.db.tenantId(), userId],
    );
    return rows.length > 0;
  }

  async assertActorIsOwner(detail: string): Promise<void> {
    if (!(await this.isActiveOwner(this.actorId()))) throw Problems.forbidden(detail);
  }

  /** Throws `last-owner` when no active owner would remain besides the given membership. */
  async assertAnotherActiveOwner(exceptMembershipId: string): Promise<void> {
    const rows = await this.db.manager().query(
      `select count(*)::int as n from memberships m
         join membership_roles mr on mr.tenant_id = m.tenant_id and mr.membership_id = m.id
         join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id
        where m.tenant_id = $1 and m.id <> $2 and m.active and r.key = 'owner' and r.is_system`,
      [this.db.tenantId(), exceptMembershipId],
    );
    if (rows[0].n === 0) throw Problems.conflict('last-owner', 'A business needs at least one active owner.');
  }
}
