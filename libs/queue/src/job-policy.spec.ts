import { jobOptions, retryDelayMs, retryWindowMs } from './job-policy';
import { JOB_OPTIONS, JobName } from './queue-names';

describe('job retry policy', () => {
  it('doubles the delay per attempt and stops at the cap', () => {
    const backoff = { delayMs: 1000, maxDelayMs: 5000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(backoff, n, 0))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('jitter lowers a delay by at most its share', () => {
    const backoff = { delayMs: 1000, jitter: 0.5 };
    expect(retryDelayMs(backoff, 3, 0.999)).toBeGreaterThanOrEqual(2000);
    expect(retryDelayMs(backoff, 3, 0.5)).toBe(3000);
  });

  it('gives every job type explicit attempts, backoff and bounded removal', () => {
    for (const name of Object.values(JobName)) {
      const policy = JOB_OPTIONS[name];
      expect(policy.attempts).toBeGreaterThanOrEqual(1);
      expect(policy.backoff.delayMs).toBeGreaterThan(0);
      expect(policy.backoff.jitter).toBeGreaterThanOrEqual(0);
      expect(policy.backoff.jitter).toBeLessThanOrEqual(1);
      expect(policy.removeOnComplete.count).toBeGreaterThan(0);
      expect(policy.removeOnFail.age).toBeGreaterThan(0);
      expect(jobOptions(name, 'x')).toMatchObject({ jobId: 'x', attempts: policy.attempts, backoff: { type: 'job-policy' } });
    }
  });

  it('sums the retry window of a job type', () => {
    const { attempts, backoff } = JOB_OPTIONS[JobName.SendEmail];
    let expected = 0;
    for (let n = 1; n < attempts; n++) expected += Math.min(backoff.delayMs * 2 ** (n - 1), backoff.maxDelayMs ?? Infinity);
    expect(retryWindowMs(JobName.SendEmail)).toBe(expected);
  });
});
