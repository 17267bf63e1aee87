import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxSweeper, runSingleton } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';
import { WorkerQueues } from '../worker-queues';

/** Re-sends outbox jobs that Redis lost and writes back outcomes a dead worker could not (see OutboxSweeper). */
@Injectable()
export class OutboxSweepHandler implements JobHandlerProvider<JobName.OutboxSweep> {
  readonly name = JobName.OutboxSweep;
  private readonly logger = new Logger('OutboxSweep');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly queues: WorkerQueues,
  ) {}

  async handle(): Promise<void> {
    const sweeper = new OutboxSweeper(this.db, this.queues.byName, this.config.outboxSweepAfterSeconds);
    await runSingleton(this.db, this.name, async () => {
      const result = await sweeper.sweep();
      if (result.resent || result.completed || result.deadLettered) this.logger.warn(`outbox sweep: ${JSON.stringify(result)}`);
    });
  }
}
