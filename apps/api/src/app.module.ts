import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessGuard, AuthModule } from '@app/auth';
import { AuditModule } from '@app/audit';
import { BillingModule } from '@app/billing';
import { ConfigModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { EmailModule } from '@app/email';
import { MetricsModule, QueueDashboardModule } from '@app/metrics';
import { IdempotencyModule } from '@app/idempotency';
import { ConcurrencyLimitGuard, LimitsModule, RateLimitGuard } from '@app/limits';
import { DeadLettersModule, QueueModule, RedisModule } from '@app/queue';
import { RbacModule } from '@app/rbac';
import { AdminTenantsModule, FeatureFlagsModule, IntegrationsModule, PlatformSettingsModule, TenantsModule } from '@app/tenants';
import { WebhooksModule } from '@app/webhooks';
import { TransactionInterceptor } from './transaction.interceptor';

@Module({
  imports: [
    ConfigModule,
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
