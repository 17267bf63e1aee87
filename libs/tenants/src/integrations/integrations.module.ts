import { Global, Module } from '@nestjs/common';
import { AdminIntegrationsStatusController } from './admin-integrations-status.controller';
import { IntegrationStateService } from './integration-state.service';
import { IntegrationStatusService } from './integration-status.service';
import { IntegrationsStatusController } from './integrations-status.controller';

/** Integration status pages; IntegrationStateService lets billing record Stripe webhooks and syncs. */
@Global()
@Module({
  controllers: [IntegrationsStatusController, AdminIntegrationsStatusController],
  providers: [IntegrationStatusService, IntegrationStateService],
  exports: [IntegrationStateService],
})
export class IntegrationsModule {}
