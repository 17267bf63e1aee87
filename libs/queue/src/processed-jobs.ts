import type { Db, TransactionScope } from '@app/database';

/**
 * Makes a job's side effect happen once per job id under at-least-once delivery: `work` runs in a
 * transaction that first claims the job id in processed_jobs. If the claim exists (an earlier run
 * committed), `work` is skipped; if the process dies during `work`, the transaction and the claim roll
 * back together, so the next run does the work. A second run that overlaps waits on the claim's lock.
 * Database side effects belong in the same transaction (db.manager()); for an outside call (SMTP, HTTP)
 * the claim commits right after the call, which leaves only that short gap for a duplicate.
 */
export async function runOncePerJob(db: Db, job: { jobId: string; jobName: string }, scope: TransactionScope, work: () => Promise<void>): Promise<boolean> {
  return db.transaction(scope, async (manager) => {
    const claimed = await manager.query(
      `insert into processed_jobs (job_id, job_name) values ($1, $2) on conflict (job_id) do nothing returning job_id`,
      [job.jobId, job.jobName],
    );
    if (!claimed.length) return false;
    await work();
    return true;
  });
}
