import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

type Callback = () => unknown;

const pending = new WeakMap<QueryRunner, Callback[]>();
const installed = new WeakSet<DataSource>();
const logger = new Logger('AfterCommit');

/**
 * Runs the callbacks registered for `runner`'s transaction, which has just committed. Db commits its
 * transactions itself and calls this; a transaction TypeORM commits reaches it through the subscriber.
 */
export async function runAfterCommit(runner: QueryRunner): Promise<void> {
  const callbacks = pending.get(runner);
  if (!callbacks) return;
  pending.delete(runner);
  for (const callback of callbacks) {
    try {
      await callback();
    } catch (error) {
      // The data is committed; a failed side effect (cache eviction) must not turn the request into an error.
      logger.warn(`after-commit callback failed: ${(error as Error).message}`);
    }
  }
}

/** Forgets the callbacks of `runner`'s transaction, which rolled back. */
export function dropAfterCommit(runner: QueryRunner): void {
  pending.delete(runner);
}

/** For transactions TypeORM commits or rolls back (not Db's): runs or drops the callbacks at the outermost end. */
const subscriber: EntitySubscriberInterface = {
  async afterTransactionCommit({ queryRunner }) {
    if (queryRunner.isTransactionActive) return; // a savepoint was released, the transaction goes on
    await runAfterCommit(queryRunner);
  },
  afterTransactionRollback({ queryRunner }) {
    if (!queryRunner.isTransactionActive) dropAfterCommit(queryRunner);
  },
};

/**
 * Runs `callback` after the transaction of `manager` commits (at once when there is no transaction),
 * e.g. to evict a cache entry only when no other reader can still load the old rows.
 */
export function afterCommit(manager: EntityManager, callback: Callback): Promise<void> | void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return Promise.resolve().then(callback).then(() => undefined);
  if (!installed.has(manager.connection)) {
    installed.add(manager.connection);
    manager.connection.subscribers.push(subscriber);
  }
  const callbacks = pending.get(runner) ?? [];
  callbacks.push(callback);
  pending.set(runner, callbacks);
}
