// Baseline: a bare BullMQ Worker with a pg pool, making the same two writes per job as our pipeline's
// bench handler (two audit rows in one transaction bound to the tenant for row-level security).
import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';
import pg from 'pg';

const tenantId = process.env.BENCH_TENANT_ID;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const INSERT = `insert into audit_logs (id, tenant_id, actor_type, action, entity_type, entity_id, after, request_id)
                values ($1, $2, 'system', $3, 'bench_job', $4, $5, 'internal')`;

const worker = new Worker(
  'system',
  async (job) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      await client.query(INSERT, [randomUUID(), tenantId, 'bench.job.first', String(job.id), JSON.stringify(job.data)]);
      await client.query(INSERT, [randomUUID(), tenantId, 'bench.job.second', String(job.id), JSON.stringify(job.data)]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
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
