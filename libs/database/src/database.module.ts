import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from './db.service';

/** Connections of this process's pool; provided by WorkerDatabasePoolModule, absent in the API (DATABASE_POOL_SIZE). */
export const DATABASE_POOL_SIZE = Symbol('DATABASE_POOL_SIZE');

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG, { token: DATABASE_POOL_SIZE, optional: true }],
      useFactory: (config: AppConfig, poolSize?: number) => ({
        type: 'postgres',
        url: config.databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        // `npm run openapi` builds the app only to read its routes; it must not need a database.
        manualInitialization: process.env.OPENAPI_EXPORT === '1',
        // Every session of the runtime role: a runaway statement, or a transaction left open while its
        // request waits on something else, is ended by PostgreSQL and its connection returns to the pool.
        extra: {
          max: poolSize ?? config.database.poolSize,
          connectionTimeoutMillis: config.database.checkoutTimeoutMs,
          statement_timeout: config.database.statementTimeoutMs,
          idle_in_transaction_session_timeout: config.database.idleInTransactionTimeoutMs,
        },
      }),
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}

/** Imported beside DatabaseModule by the worker: its pool has WORKER_DATABASE_POOL_SIZE connections. */
@Global()
@Module({
  providers: [{ provide: DATABASE_POOL_SIZE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.database.workerPoolSize }],
  exports: [DATABASE_POOL_SIZE],
})
export class WorkerDatabasePoolModule {}
