import { Injectable, OnModuleInit } from '@nestjs/common';
import { Db } from '@app/database';
import { UsageMeters } from '@app/limits';
import { INVITATION_STATUS_SQL } from '../invitations/invitation-status.sql';

/** Members count against the plan as active memberships plus invitations still open. */
@Injectable()
export class MembersUsageMeter implements OnModuleInit {
  readonly metric = 'members' as const;

  constructor(
    private readonly db: Db,
    private readonly meters: UsageMeters,
  ) {}

  onModuleInit(): void {
    this.meters.register(this);
  }

  async measure(tenantId: string): Promise<number> {
    const [row] = await this.db.manager().query(
      `select (select count(*) from memberships where tenant_id = $1 and active)::int
            + (select count(*) from invitations i where i.tenant_id = $1 and (${INVITATION_STATUS_SQL}) = 'pending')::int as used`,
      [tenantId],
    );
    return row.used;
  }
}
