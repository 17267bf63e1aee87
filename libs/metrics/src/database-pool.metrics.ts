import { Injectable, OnModuleInit } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { Db } from '@app/database';
import { MetricsRegistry } from './metrics.registry';

type CheckoutCallback = (error: Error | undefined, client: unknown, release: unknown) => void;

/** The part of pg-pool's Pool these metrics read. */
export interface CheckoutPool {
  connect(callback?: CheckoutCallback): Promise<unknown> | undefined;
  readonly waitingCount: number;
}

/**
 * Times every checkout of `pool` (TypeORM's and `pool.query`'s both go through `connect`), including
 * the ones that fail or time out: the wait until a connection was handed out or refused.
 */
export function timeCheckouts(pool: CheckoutPool, observe: (seconds: number) => void): void {
  const connect = pool.connect.bind(pool);
  pool.connect = (callback?: CheckoutCallback) => {
    const started = performance.now();
    const done = () => observe((performance.now() - started) / 1000);
    if (callback) {
      return connect((error, client, release) => {
        done();
        callback(error, client, release);
      });
    }
    return connect()!.then(
      (client) => {
        done();
        return client;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  };
}

/** Waits for a connection of this process's database pool (the API's and the worker's are sized apart). */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    // The pg Pool behind TypeORM's postgres driver; absent when the data source is not initialised (OpenAPI export).
    const pool = (this.db.dataSource.driver as unknown as { master?: CheckoutPool }).master;
    if (!pool) return;
    const wait = new Histogram({
      name: 'database_pool_checkout_wait_seconds',
      help: 'Time a caller waited for a connection of the database pool, in seconds (refusals after the checkout timeout included)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.metrics.registry],
    });
    timeCheckouts(pool, (seconds) => wait.observe(seconds));
    this.metrics.addGauge({
      name: 'database_pool_waiting',
      help: 'Callers waiting right now for a connection of the database pool',
      collect: async () => [{ value: pool.waitingCount }],
    });
  }
}
