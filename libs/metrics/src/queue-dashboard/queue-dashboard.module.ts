import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, jwtKey } from '@app/core';
import { TenantsModule } from '@app/tenants';
import { QueueDashboardAccess } from './queue-dashboard-access.service';
import { QueueDashboardSessionController } from './queue-dashboard-session.controller';
import { QueueDashboardSessionService } from './queue-dashboard-session.service';
import { QueueDashboard } from './queue-dashboard';

/** The bull-board queue dashboard for platform staff; needs MetricsModule.forApi() for the queue handles. */
@Module({
  imports: [TenantsModule, JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: jwtKey(config) }) })],
  controllers: [QueueDashboardSessionController],
  providers: [QueueDashboardAccess, QueueDashboardSessionService, QueueDashboard],
  exports: [QueueDashboard],
})
export class QueueDashboardModule {}
