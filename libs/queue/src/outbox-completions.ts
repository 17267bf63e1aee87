import type { Db } from '@app/database';

const FLUSH_AFTER_MS = 100;
const MAX_BATCH = 500;

/**
 * Marks the outbox rows of finished jobs completed, many per transaction: one UPDATE for every job
 * that finished within FLUSH_AFTER_MS instead of a transaction per job. A mark lost with the process
 * (killed before the flush) is written by the sweeper, which finds the job completed in BullMQ.
 */
export class OutboxCompletions {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: Error, ids: string[]) => void,
  ) {}

  add(outboxId: string): void {
    this.pending.push(outboxId);
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending; resolves once every mark added so far is written (or reported failed). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = this.pending;
    this.pending = [];
    if (ids.length) this.writing = this.writing.then(() => this.write(ids));
    return this.writing;
  }

  private async write(ids: string[]): Promise<void> {
    try {
      await this.db.transaction({}, async (manager) => {
        await this.db.crossTenant();
        await manager.query(`update outbox set completed_at = now() where id = any($1::uuid[]) and completed_at is null`, [ids]);
      });
    } catch (error) {
      this.onError(error as Error, ids);
    }
  }
}
