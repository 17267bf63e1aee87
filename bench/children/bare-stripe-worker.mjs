// Baseline for the ingest scenario's drain: a bare BullMQ Worker (concurrency 5, like each of our
// worker's queues) + pg.Pool as the runtime role, applying each stored `customer.updated` event with the
// same statements our processor runs (lock the event row, the mirror's order-safe customer upsert, mark
// the event processed) in one transaction bound to the tenant the job names, as ours does, without Nest,
// TypeORM and our job pipeline around them. (Ours writes the last-webhook time at most once a second,
// so neither arm writes it per event.)
import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';
import pg from 'pg';
import { customerUpsertValues, LOCK_EVENT, MARK_PROCESSED, QUEUE, UPSERT_CUSTOMER } from '../lib/stripe-events.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null });

const worker = new Worker(
  QUEUE,
  async (job) => {
    const client = await pool.connect();
    try {
      const tenantId = String(job.data.eventTenantId);
      if (!/^[0-9a-f-]{36}$/i.test(tenantId)) throw new Error('the job names no tenant');
      await client.query(`begin; select set_config('app.tenant_id', '${tenantId}', true)`);
      const { rows: [row] } = await client.query(LOCK_EVENT, [job.data.stripeEventId]);
      if (row && row.status !== 'processed' && row.status !== 'ignored') {
        await client.query(UPSERT_CUSTOMER, customerUpsertValues(randomUUID(), row.tenant_id, row.account, row.payload));
        await client.query(MARK_PROCESSED, [job.data.stripeEventId]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  },
  { connection, prefix: process.env.REDIS_PREFIX, concurrency: 5 },
);
process.on('SIGTERM', async () => {
  await worker.close();
  await pool.end();
  connection.disconnect();
  process.exit(0);
});
