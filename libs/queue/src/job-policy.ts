import type { JobsOptions } from 'bullmq';
import { JOB_OPTIONS, JobName, type RetryBackoff } from './queue-names';

/** The custom BullMQ backoff type every job uses; the worker's backoffStrategy answers it from JOB_OPTIONS. */
export const JOB_POLICY_BACKOFF = 'job-policy';

/** Delay before retry `attemptsMade` (1 after the first failure); `random` is in [0, 1). */
export function retryDelayMs(backoff: RetryBackoff, attemptsMade: number, random: number = Math.random()): number {
  const exponent = Math.max(0, attemptsMade - 1);
  const raw = Math.min(backoff.delayMs * 2 ** exponent, backoff.maxDelayMs ?? Number.POSITIVE_INFINITY);
  return Math.round(raw * (1 - backoff.jitter * random));
}

/** The longest time a job type keeps retrying before it becomes a dead letter (no jitter). */
export function retryWindowMs(name: JobName): number {
  const policy = JOB_OPTIONS[name];
  let total = 0;
  for (let attempt = 1; attempt < policy.attempts; attempt++) total += retryDelayMs(policy.backoff, attempt, 0);
  return total;
}

export function isJobName(value: string): value is JobName {
  return (Object.values(JobName) as string[]).includes(value);
}

/** BullMQ options of a job of this type; `jobId` makes adding it twice (relay, sweeper) one job. */
export function jobOptions(name: JobName, jobId?: string): JobsOptions {
  const policy = JOB_OPTIONS[name];
  return {
    ...(jobId ? { jobId } : {}),
    attempts: policy.attempts,
    backoff: { type: JOB_POLICY_BACKOFF },
    removeOnComplete: policy.removeOnComplete,
    removeOnFail: policy.removeOnFail,
  };
}
