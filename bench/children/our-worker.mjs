// Our worker pipeline, from the dist build: the real WorkerModule (config, pino logger, TypeORM pool,
// Redis, outbox relay, job scheduler, WorkerService's BullMQ workers and handler index) with one change:
// the handler registered for `system.health-ping` is the bench job below, which makes the same two
// writes as children/bare-worker.mjs. No bench-only job name enters the product's JobName enum.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const dist = (path) => require(resolve(process.cwd(), 'dist', path));
const { Test } = require('@nestjs/testing');
const { APP_CONFIG, createLogger, PinoLoggerService } = dist('libs/core/src');
const { JobName } = dist('libs/queue/src');
const { Db } = dist('libs/database/src');
const { AuditService } = dist('libs/audit/src');
const { WorkerModule } = dist('apps/worker/src/worker.module');
const { JOB_HANDLER_CLASSES } = dist('apps/worker/src/handlers');
const { JOB_HANDLERS } = dist('apps/worker/src/job-handlers');

const tenantId = process.env.BENCH_TENANT_ID;

/** Two audit rows through AuditService in one tenant-bound transaction: the shape of a real handler. */
function twoWritesHandler(db, audit) {
  return {
    name: JobName.HealthPing,
    async handle(data, meta) {
      await db.transaction({ tenantId }, async () => {
        await audit.record({ action: 'bench.job.first', entityType: 'bench_job', entityId: meta.jobId, after: data });
        await audit.record({ action: 'bench.job.second', entityType: 'bench_job', entityId: meta.jobId, after: data });
      });
    },
  };
}

const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
  .overrideProvider(JOB_HANDLERS)
  .useFactory({
    inject: [...JOB_HANDLER_CLASSES, Db],
    factory: (...deps) => {
      const db = deps.at(-1);
      const handlers = deps.slice(0, -1).filter((h) => h.name !== JobName.HealthPing);
      return [...handlers, twoWritesHandler(db, new AuditService(db))];
    },
  })
  .compile();
moduleRef.useLogger(new PinoLoggerService(createLogger({ ...moduleRef.get(APP_CONFIG), logFile: null })));
moduleRef.enableShutdownHooks();
await moduleRef.init();
