import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AccessGuard, AuthModule } from '@app/auth';
import { AuditModule } from '@app/audit';
import { BillingModule } from '@app/billing';
import { APP_CONFIG, type AppConfig, ConfigModule, prettyLogStream, redactUrl } from '@app/core';
import { DatabaseModule } from '@app/database';
import { EmailModule } from '@app/email';
import { MetricsModule, QueueDashboardModule } from '@app/metrics';
import { IdempotencyModule } from '@app/idempotency';
import { ConcurrencyLimitGuard, LimitsModule, RateLimitGuard } from '@app/limits';
import { DeadLettersModule, QueueModule, RedisModule } from '@app/queue';
import { RbacModule } from '@app/rbac';
import { AdminTenantsModule, FeatureFlagsModule, IntegrationsModule, PlatformSettingsModule, TenantsModule } from '@app/tenants';
import { WebhooksModule } from '@app/webhooks';
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
          // LOG_FILE gets JSON lines; stdout gets them pretty or as JSON (LOG_FORMAT).
          stream: config.logFile ? pino.destination({ dest: config.logFile, mkdir: true }) : prettyLogStream(config),
          // What a request line may show: never headers (Authorization, cookies), never a secret query value.
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Probes and scrapes are frequent and say nothing; Nest's middleware may see the URL without its prefix.
          autoLogging: {
            ignore: (req) => {
              const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
              return url.startsWith('/api/v1/health') || url.startsWith('/metrics');
            },
          },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    LimitsModule,
    IdempotencyModule,
    EmailModule,
    TerminusModule,
    RbacModule,
    TenantsModule,
    AuthModule,
    AdminTenantsModule,
    MetricsModule.forApi(),
    QueueDashboardModule,
    WebhooksModule,
    FeatureFlagsModule,
    PlatformSettingsModule,
    IntegrationsModule,
    DeadLettersModule,
    BillingModule,
  ],
  controllers: [HealthController],
  providers: [
    // Order matters: identify from the token, rate-limit by who it is (requests per minute, then long
    // requests at once), all without the database; then the request's transaction resolves and
    // authorizes the principal, claims an idempotency key, and runs the handler.
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
    { provide: APP_GUARD, useExisting: ConcurrencyLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
  ],
})
export class AppModule {}
