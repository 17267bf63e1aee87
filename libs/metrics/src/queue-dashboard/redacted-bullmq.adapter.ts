import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Job } from 'bullmq';
import { staffViewOfPayload } from '@app/queue';

/** The job as the board serialises it (toJSON), its data shown through the job name's staff policy. */
function redacted(job: Job): Job {
  const toJSON = job.toJSON.bind(job);
  job.toJSON = () => ({ ...toJSON(), data: staffViewOfPayload(job.name, job.data) }) as ReturnType<Job['toJSON']>;
  return job;
}

/**
 * bull-board's BullMQ adapter with every job's data redacted per job name (JOB_STAFF_FIELDS).
 * bull-board 9.10's `setFormatter('data', fn)` hands the formatter the data without the job name,
 * so the policy is applied where the jobs are read instead: the list, one job, and scheduler templates.
 */
export class RedactedBullMQAdapter extends BullMQAdapter {
  override async getJob(id: string): Promise<Job | undefined> {
    const job = await super.getJob(id);
    return job ? redacted(job) : job;
  }

  override async getJobs(...args: Parameters<BullMQAdapter['getJobs']>): Promise<Job[]> {
    return (await super.getJobs(...args)).map(redacted);
  }

  override async getJobSchedulers(): ReturnType<BullMQAdapter['getJobSchedulers']> {
    return (await super.getJobSchedulers()).map((scheduler) =>
      scheduler.template ? { ...scheduler, template: { ...scheduler.template, data: staffViewOfPayload(scheduler.name, scheduler.template.data) } } : scheduler,
    );
  }
}
