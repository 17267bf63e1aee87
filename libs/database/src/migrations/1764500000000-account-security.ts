import { MigrationInterface, QueryRunner } from 'typeorm';
// Relative: the jest global setup loads migrations without the @app path mapping.
import { normalizeEmail } from '../../../core/src/email-address';

/**
 * Account security: the last accepted TOTP time step (a code works once), at most one open one-time
 * token per user and purpose, and email addresses stored in their canonical form (NFC + case fold).
 * Addresses that would collide once normalised are never merged or changed silently: the migration
 * stops and names them, and an operator decides which account keeps the address.
 */
export class AccountSecurity1764500000000 implements MigrationInterface {
  name = 'AccountSecurity1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table users add column totp_last_step bigint`);

    await q.query(`
      update user_tokens t set used_at = now()
       where used_at is null
         and exists (select 1 from user_tokens n where n.user_id = t.user_id and n.purpose = t.purpose and n.used_at is null
                       and (n.created_at, n.id) > (t.created_at, t.id));
      create unique index user_tokens_one_open_key on user_tokens (user_id, purpose) where used_at is null;
    `);

    const users: Array<{ id: string; email: string }> = await q.query(`select id, email from users order by created_at, id`);
    const byAddress = new Map<string, Array<{ id: string; email: string }>>();
    for (const user of users) {
      const key = normalizeEmail(user.email);
      byAddress.set(key, [...(byAddress.get(key) ?? []), user]);
    }
    const collisions = [...byAddress.entries()].filter(([, group]) => group.length > 1);
    if (collisions.length) {
      const list = collisions.map(([key, group]) => `${JSON.stringify(key)}: ${group.map((u) => `${u.id} ${JSON.stringify(u.email)}`).join(', ')}`).join('; ');
      throw new Error(`Cannot normalise email addresses: these accounts would share one address (change or merge all but one, then migrate again): ${list}`);
    }
    for (const [key, [user]] of byAddress) {
      if (key !== user.email) await q.query(`update users set email = $2 where id = $1`, [user.id, key]);
    }
    await q.query(`alter table users add constraint users_email_nfc_check check (email is nfc normalized)`);

    const invitations: Array<{ id: string; email: string }> = await q.query(`select id, email from invitations`);
    for (const invitation of invitations) {
      const key = normalizeEmail(invitation.email);
      if (key !== invitation.email) await q.query(`update invitations set email = $2 where id = $1`, [invitation.id, key]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table users drop constraint if exists users_email_nfc_check;
      drop index if exists user_tokens_one_open_key;
      alter table users drop column if exists totp_last_step;
    `);
  }
}
