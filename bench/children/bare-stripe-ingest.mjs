// Baseline for the ingest scenario: a Stripe webhook route with nothing but the essentials. Bare Fastify 5
// (the body kept as the raw text, 1 MB limit like the API's route) + the stripe SDK's constructEvent with
// the bench's webhook secret + pg.Pool as the runtime role (pool size DATABASE_POOL_SIZE, 10 by default,
// like the API's): the inbox's own statement (insert … on conflict do nothing, in its security-definer
// function, one round trip, no transaction), then, for a new event, one BullMQ job (`queue.add`, the job
// options the relay gives it) unless BARE_ENQUEUE=false (the arm without the enqueue).
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import IORedis from 'ioredis';
import pg from 'pg';
import Stripe from 'stripe';
import { JOB_NAME, QUEUE, RECORD_EVENT, WEBHOOK_PATH } from '../lib/stripe-events.mjs';

const secret = process.env.STRIPE_WEBHOOK_SECRET;
const enqueue = process.env.BARE_ENQUEUE !== 'false';
const jobOptions = JSON.parse(process.env.BENCH_JOB_OPTIONS ?? '{}');
const stripe = new Stripe('sk_test_bareArmNeverCallsStripe');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const connection = enqueue ? new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null }) : null;
const queue = enqueue ? new Queue(QUEUE, { connection, prefix: process.env.REDIS_PREFIX }) : null;
const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => done(null, body));

const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

app.get('/api/v1/health/live', async () => ({ status: 'ok' }));

app.post(WEBHOOK_PATH, async (request, reply) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(request.body ?? '', request.headers['stripe-signature'] ?? '', secret, 300);
  } catch {
    return problem(reply, 400, 'Bad Request');
  }
  const { rows } = await pool.query(RECORD_EVENT, [randomUUID(), event.id, event.account ?? null, event.type, event.created, event.livemode, request.body]);
  if (!rows.length) return { received: true, duplicate: true };
  if (queue) await queue.add(JOB_NAME, { stripeEventId: rows[0].id, eventTenantId: rows[0].tenant_id }, { ...jobOptions, jobId: randomUUID() });
  return { received: true, duplicate: false };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  await queue?.close();
  connection?.disconnect();
  process.exit(0);
});
