import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type MinimalJob, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { JobMetrics } from '@app/metrics';
import { isJobName, JOB_OPTIONS, JOB_POLICY_BACKOFF, JOB_QUEUE, jobOptions, OutboxRelay, QueueName, REDIS, retryDelayMs } from '@app/queue';
import { JobProcessor } from './job-processor';
import { type JobSchedule, jobSchedules } from './schedules';
import { WorkerQueues } from './worker-queues';

/** Jobs one queue's BullMQ worker runs at the same time (WORKER_DATABASE_POOL_SIZE's default covers every queue's). */
export const JOB_CONCURRENCY = 5;
const RELAY_INTERVAL_MS = 500;
const RELAY_SHUTDOWN_WAIT_MS = 5_000;
/** How often the worker checks that Redis still has every job scheduler (it forgets them on restart). */
const SCHEDULE_CHECK_MS = 10_000;

/**
 * Runs the outbox relay, one BullMQ worker per queue and the schedules. The workers take jobs only once
 * all of that is set up, and stop first on shutdown (onModuleDestroy, the first phase), draining their
 * active jobs while the database, Redis and the email render pool those jobs use are still open.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly schedules: JobSchedule[];
  private relayTimer: NodeJS.Timeout | null = null;
  private scheduleTimer: NodeJS.Timeout | null = null;
  private relayRunning = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: WorkerQueues,
    private readonly processor: JobProcessor,
    private readonly jobMetrics: JobMetrics,
  ) {
    this.schedules = jobSchedules(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const name of Object.values(QueueName)) {
      const worker = new Worker(name, (job) => this.processor.process(job), {
        connection: this.track(this.redis.duplicate()),
        prefix: this.config.redisPrefix,
        autorun: false,
        concurrency: JOB_CONCURRENCY,
        lockDuration: this.config.workerLockMs,
        stalledInterval: this.config.workerLockMs,
        settings: { backoffStrategy: (attemptsMade, type, _error, job) => this.retryDelay(attemptsMade, type, job) },
      });
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
      this.jobMetrics.watch(worker);
      worker.on('error', (error) => this.logger.warn(`worker ${name}: ${error.message}`));
      this.workers.push(worker);
    }
    await this.registerSchedules();
    const relay = new OutboxRelay(this.dataSource, this.queues.byName);
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
    this.scheduleTimer = setInterval(() => void this.restoreLostSchedules(), SCHEDULE_CHECK_MS);
    void tick();
    for (const worker of this.workers) worker.run().catch((error: Error) => this.logger.error(`worker ${worker.name} stopped: ${error.message}`));
    this.logger.log(`worker started: queues ${Object.values(QueueName).join(', ')}`);
  }

  /** Exponential backoff with jitter from JOB_OPTIONS, scaled by JOB_BACKOFF_SCALE (tests only). */
  private retryDelay(attemptsMade: number, type: string | undefined, job: MinimalJob | undefined): number {
    const backoff = type === JOB_POLICY_BACKOFF && job && isJobName(job.name) ? JOB_OPTIONS[job.name].backoff : { delayMs: 1000, jitter: 0.5 };
    return Math.round(retryDelayMs(backoff, attemptsMade) * this.config.jobBackoffScale);
  }

  private async registerSchedules(): Promise<void> {
    const wanted = new Set(this.schedules.map((s) => s.id));
    for (const queue of this.queues.byName.values()) {
      for (const existing of await queue.getJobSchedulers()) {
        if (existing.key && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
      }
    }
    for (const schedule of this.schedules) await this.upsertSchedule(schedule);
  }

  private async restoreLostSchedules(): Promise<void> {
    if (this.stopping) return;
    try {
      for (const schedule of this.schedules) {
        const queue = this.queues.get(JOB_QUEUE[schedule.job.name]);
        if (!(await queue.getJobScheduler(schedule.id))) {
          this.logger.warn(`job scheduler ${schedule.id} was missing from Redis: re-created`);
          await this.upsertSchedule(schedule);
        }
      }
    } catch (error) {
      this.logger.warn(`schedules: ${(error as Error).message}`);
    }
  }

  private async upsertSchedule(schedule: JobSchedule): Promise<void> {
    await this.queues
      .get(JOB_QUEUE[schedule.job.name])
      .upsertJobScheduler(schedule.id, schedule.repeat, { name: schedule.job.name, data: schedule.job.data, opts: jobOptions(schedule.job.name) });
  }

  private track(connection: Redis): Redis {
    this.connections.push(connection);
    return connection;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.relayTimer) clearInterval(this.relayTimer);
    if (this.scheduleTimer) clearInterval(this.scheduleTimer);
    // A relay batch waits for Redis if it is down; do not let that hold the shutdown forever (its
    // transaction rolls back when the pool closes, and the rows are relayed by the next worker).
    const relayDeadline = Date.now() + RELAY_SHUTDOWN_WAIT_MS;
    while (this.relayRunning && Date.now() < relayDeadline) await new Promise((r) => setTimeout(r, 20));
    // close() waits for active jobs to finish before it resolves.
    await Promise.all(this.workers.map((w) => w.close()));
    await this.processor.flushCompletions();
    await this.queues.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
