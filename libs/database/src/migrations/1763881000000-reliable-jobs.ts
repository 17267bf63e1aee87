import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reliable jobs: the outbox learns when its job finished (so a sweeper can re-send jobs Redis lost),
 * exhausted jobs become dead letters that platform staff replay or discard, and handlers can make a
 * side effect happen once per job id (processed_jobs, written in the side effect's transaction).
 */
export class ReliableJobs1763881000000 implements MigrationInterface {
  name = 'ReliableJobs1763881000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table outbox
        add column completed_at timestamptz,
        add column failed_at timestamptz,
        add column swept_at timestamptz;
      create index outbox_in_flight_idx on outbox ((coalesce(swept_at, dispatched_at)))
        where dispatched_at is not null and completed_at is null and failed_at is null;
      create index outbox_completed_idx on outbox (completed_at) where completed_at is not null;

      create table dead_letters (
        id uuid primary key,
        tenant_id uuid references tenants (id) on delete cascade,
        queue text not null,
        job_name text not null,
        job_id text not null,
        payload jsonb not null,
        error text not null,
        stack text,
        attempts integer not null,
        failed_at timestamptz not null default now(),
        status text not null default 'open' check (status in ('open', 'replayed', 'discarded')),
        resolved_at timestamptz,
        resolved_by uuid references users (id) on delete set null,
        resolution_reason text,
        replayed_job_id text,
        check ((status = 'open') = (resolved_at is null))
      );
      create unique index dead_letters_open_job_key on dead_letters (job_id) where status = 'open';
      create index dead_letters_failed_idx on dead_letters (failed_at desc, id desc);
      create index dead_letters_status_failed_idx on dead_letters (status, failed_at desc, id desc);
      create index dead_letters_tenant_failed_idx on dead_letters (tenant_id, failed_at desc, id desc);
      create index dead_letters_resolved_idx on dead_letters (resolved_at) where resolved_at is not null;

      -- Platform-level: readable and writable only on the explicit cross-tenant path (staff, worker).
      alter table dead_letters enable row level security;
      create policy dead_letters_platform on dead_letters using (app_cross_tenant()) with check (app_cross_tenant());

      create table processed_jobs (
        job_id text primary key,
        job_name text not null,
        processed_at timestamptz not null default now()
      );
      create index processed_jobs_processed_idx on processed_jobs (processed_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists processed_jobs, dead_letters;
      drop index if exists outbox_completed_idx, outbox_in_flight_idx;
      alter table outbox drop column if exists swept_at, drop column if exists failed_at, drop column if exists completed_at;
    `);
  }
}
