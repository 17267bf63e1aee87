import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from './db.service';

/** The runtime role's TypeORM connection, its pg pool sized by `poolSize` (the API's and the worker's differ). */
function connection(poolSize: (config: AppConfig) => number): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
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
        max: poolSize(config),
        connectionTimeoutMillis: config.database.checkoutTimeoutMs,
        statement_timeout: config.database.statementTimeoutMs,
        idle_in_transaction_session_timeout: config.database.idleInTransactionTimeoutMs,
      },
    }),
  });
}

/** The API's database (DATABASE_POOL_SIZE connections). */
@Global()
@Module({
  imports: [connection((config) => config.database.poolSize)],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}

/** The worker's database: the same connection with its own pool size (WORKER_DATABASE_POOL_SIZE). */
@Global()
@Module({
  imports: [connection((config) => config.database.workerPoolSize)],
  providers: [Db],
  exports: [Db],
})
export class WorkerDatabaseModule {}
