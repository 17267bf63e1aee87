import { Injectable, Logger } from '@nestjs/common';
import type { JobName, QueueName } from '@app/queue';

/** completed; failed and retrying later; failed for the last time (a dead letter, unless the job type opts out). */
export type JobOutcome = 'completed' | 'retrying' | 'exhausted';

export type JobFinishedListener = (name: JobName, queue: QueueName, durationMs: number, outcome: JobOutcome) => void;

/** Where a job's duration and outcome become known; metrics subscribe with onJobFinished. */
@Injectable()
export class JobEvents {
  private readonly logger = new Logger('JobEvents');
  private readonly listeners: JobFinishedListener[] = [];

  onJobFinished(listener: JobFinishedListener): void {
    this.listeners.push(listener);
  }

  jobFinished(name: JobName, queue: QueueName, durationMs: number, outcome: JobOutcome): void {
    for (const listener of this.listeners) {
      try {
        listener(name, queue, durationMs, outcome);
      } catch (error) {
        this.logger.warn(`job finished listener: ${(error as Error).message}`);
      }
    }
  }
}
