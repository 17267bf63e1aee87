import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/queue';
import { WorkerService } from './worker.service';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }) }),
    DatabaseModule,
    RedisModule,
  ],
  providers: [WorkerService],
})
export class WorkerModule {}
