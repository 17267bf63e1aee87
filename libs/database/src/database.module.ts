import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from './db.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
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
          max: config.database.poolSize,
          connectionTimeoutMillis: 5000,
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
