import { Injectable } from '@nestjs/common';
import { currentContext, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';

/**
 * Who a test send may go to: the caller's own address or an active member of the tenant, verified
 * in both cases. Test sends carry the tenant's own HTML from the platform's sender, so they must
 * not become a relay to arbitrary addresses.
 */
@Injectable()
export class TestEmailRecipients {
  constructor(private readonly db: Db) {}

  /** The recipient's address as stored; a 422 `test-recipient-not-allowed` for anyone else. */
  async check(to: string | undefined): Promise<string> {
    if (!to) throw Problems.validation([{ field: 'to', message: 'to is required when the caller has no email address' }]);
    const rows: Array<{ email: string }> = await this.db.manager().query(
      `select u.email from users u
        where lower(u.email) = lower($1) and u.email_verified_at is not null
          and (u.id = $2 or exists (select 1 from memberships m where m.user_id = u.id and m.tenant_id = $3 and m.active))`,
      [to, currentContext()?.principal?.userId ?? null, this.db.tenantId()],
    );
    if (!rows[0]) {
      throw new ProblemException(
        'test-recipient-not-allowed',
        422,
        'Recipient not allowed',
        'Test emails go only to your own verified address or to a verified member of this business.',
        [{ field: 'to', message: 'must be your own verified address or a verified member\'s' }],
      );
    }
    return rows[0].email;
  }
}
