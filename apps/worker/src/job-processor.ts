import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { isUuid, requestContext, systemContext } from '@app/core';
import { Db } from '@app/database';
import { JOB_OPTIONS, JobName, OutboxCompletions, QueueName, recordDeadLetter } from '@app/queue';
import { JobEvents } from './job-events';
import { indexHandlers, JOB_HANDLERS, type HandlerRegistration, type JobHandlerProvider } from './job-handlers';

/**
 * Runs one BullMQ job through its handler, as the system actor. On success the job's outbox row is
 * marked completed (in batches; the sweeper leaves it alone from then on); after the last failed
 * attempt the job becomes a dead letter. Both writes are repaired by the sweeper if the process dies
 * before them.
 */
@Injectable()
export class JobProcessor {
  private readonly logger = new Logger('Jobs');
  private readonly handlers: Map<JobName, HandlerRegistration>;
  private readonly completions: OutboxCompletions;

  constructor(
    @Inject(JOB_HANDLERS) providers: JobHandlerProvider[],
    private readonly db: Db,
    private readonly events: JobEvents,
  ) {
    this.handlers = indexHandlers(providers.map((h) => ({ name: h.name, handle: (data, meta) => h.handle(data as never, meta) })));
    this.completions = new OutboxCompletions(db, (error, ids) =>
      this.logger.warn(`outbox ${ids.length} rows: could not mark completed (the sweeper will): ${error.message}`),
    );
  }

  /** Writes the completion marks still pending; the worker calls it once its BullMQ workers have stopped. */
  flushCompletions(): Promise<void> {
    return this.completions.flush();
  }

  async process(job: Job): Promise<void> {
    const started = performance.now();
    const name = job.name as JobName;
    const queue = job.queueName as QueueName;
    const jobId = String(job.id);
    try {
      const handler = this.handlers.get(name);
      if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
      await requestContext.run(systemContext(), () => handler.handle(job.data, { jobId, attempt: job.attemptsMade + 1 }));
    } catch (error) {
      const exhausted = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (exhausted && (JOB_OPTIONS[name]?.deadLetter ?? true)) await this.deadLetter(job, error as Error);
      this.events.jobFinished(name, queue, performance.now() - started, exhausted ? 'exhausted' : 'retrying');
      throw error;
    }
    // Jobs relayed from the outbox carry its row's id as their job id.
    if (isUuid(jobId)) this.completions.add(jobId);
    this.events.jobFinished(name, queue, performance.now() - started, 'completed');
  }

  private async deadLetter(job: Job, error: Error): Promise<void> {
    try {
      await recordDeadLetter(this.db, {
        queue: job.queueName,
        jobName: job.name,
        jobId: String(job.id),
        payload: job.data,
        error: error.message || String(error),
        stack: error.stack ?? null,
        attempts: job.attemptsMade + 1,
      });
      this.logger.warn(`job ${job.name} ${job.id} exhausted its attempts: dead letter recorded`);
    } catch (recordError) {
      this.logger.error(`job ${job.name} ${job.id}: could not record its dead letter: ${(recordError as Error).message}`);
    }
  }
}
