import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AccessGuard, AuthModule } from '@app/auth';
import { AuditModule } from '@app/audit';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { EmailModule } from '@app/email';
import { DeadLettersModule, QueueModule, RedisModule } from '@app/queue';
import { RbacModule } from '@app/rbac';
import { AdminTenantsModule, TenantsModule } from '@app/tenants';
import { HealthController } from './health.controller';
import { TransactionInterceptor } from './transaction.interceptor';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req) => String(req.headers['x-request-id'] ?? ''),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/v1/health') },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    EmailModule,
    TerminusModule,
    RbacModule,
    TenantsModule,
    AuthModule,
    AdminTenantsModule,
    DeadLettersModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
  ],
})
export class AppModule {}
