import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signups wait for the emailed confirmation link: the answer to a signup is the same whether or not the
 * address has an account, and nothing is created until the address's owner confirms.
 */
export class SignupRequests1764100000001 implements MigrationInterface {
  name = 'SignupRequests1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table signup_requests (
        id uuid primary key,
        email text not null,
        name text not null,
        tenant_name text not null,
        password_hash text not null,
        token_hash text not null,
        expires_at timestamptz not null,
        confirmed_at timestamptz,
        created_at timestamptz not null default now()
      );
      create unique index signup_requests_token_key on signup_requests (token_hash);
      create index signup_requests_open_email_idx on signup_requests (lower(email)) where confirmed_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists signup_requests`);
  }
}
