import { createHash } from 'node:crypto';
import type { Db } from '@app/database';

/** A stable 64-bit advisory lock key per singleton name (the same in every process and release). */
export function singletonLockKey(name: string): string {
  return createHash('sha256').update(`singleton:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `work` only if no other process is running the singleton `name` right now: it takes
 * pg_try_advisory_xact_lock in a new transaction (no tenant bound) and runs `work` inside it, so the
 * lock lasts exactly as long as the work and vanishes if the process dies. Returns false when skipped.
 */
export async function runSingleton(db: Db, name: string, work: () => Promise<void>): Promise<boolean> {
  return db.transaction({}, async (manager) => {
    const [{ locked }] = await manager.query(`select pg_try_advisory_xact_lock($1::bigint) as locked`, [singletonLockKey(name)]);
    if (!locked) return false;
    await work();
    return true;
  });
}
