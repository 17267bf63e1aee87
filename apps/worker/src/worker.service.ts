import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { JobMetrics } from '@app/metrics';
import { JobName, OutboxRelay, QueueName, REDIS } from '@app/queue';
import { indexHandlers, JOB_HANDLERS, type JobHandlerProvider } from './job-handlers';

const RELAY_INTERVAL_MS = 500;

/** Runs the outbox relay, one BullMQ worker per queue and the schedules; drains active jobs on shutdown. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private relayTimer: NodeJS.Timeout | null = null;
  private relayRunning = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_HANDLERS) private readonly handlerProviders: JobHandlerProvider[],
    private readonly jobMetrics: JobMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = indexHandlers(this.handlerProviders.map((h) => ({ name: h.name, handle: (data, meta) => h.handle(data as never, meta) })));
    const connection = this.redis;
    for (const name of Object.values(QueueName)) {
      this.queues.set(name, new Queue(name, { connection, prefix: this.config.redisPrefix }));
      const worker = new Worker(
        name,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler) throw new Error(`No handler for job ${job.name}`);
          await handler.handle(job.data, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
        },
        { connection: this.track(connection.duplicate()), prefix: this.config.redisPrefix, concurrency: 5 },
      );
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
      this.jobMetrics.watch(worker);
      this.workers.push(worker);
    }
    await this.queues.get(QueueName.System)!.upsertJobScheduler('health-ping', { every: 60_000 }, { name: JobName.HealthPing, data: { at: new Date().toISOString() } });
    const relay = new OutboxRelay(this.dataSource, this.queues);
    const tick = async () => {
      if (this.relayRunning || this.stopping) return;
      this.relayRunning = true;
      try {
        while ((await relay.relayBatch()) > 0 && !this.stopping) {
          // keep draining while there is a backlog
        }
      } catch (error) {
        this.logger.warn(`outbox relay: ${(error as Error).message}`);
      } finally {
        this.relayRunning = false;
      }
    };
    this.relayTimer = setInterval(() => void tick(), RELAY_INTERVAL_MS);
    void tick();
    this.logger.log(`worker started: queues ${[...this.queues.keys()].join(', ')}`);
  }

  private track(connection: Redis): Redis {
    this.connections.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.relayTimer) clearInterval(this.relayTimer);
    while (this.relayRunning) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
