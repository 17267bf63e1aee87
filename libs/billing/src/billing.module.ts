import { Module } from '@nestjs/common';
import { BillingSyncAdminController } from './admin/billing-sync-admin.controller';
import { StripeEventsController } from './admin/stripe-events.controller';
import { StripeEventsService } from './admin/stripe-events.service';
import { BillingCatalogService } from './catalog/billing-catalog.service';
import { BillingCustomersController } from './catalog/billing-customers.controller';
import { BillingProductsController } from './catalog/billing-products.controller';
import { StripeConnectController } from './connect/stripe-connect.controller';
import { StripeConnectService } from './connect/stripe-connect.service';
import { StripeGatewayModule } from './gateway/stripe-gateway.module';
import { StripeWebhookController } from './inbox/stripe-webhook.controller';
import { StripeWebhookInboxService } from './inbox/stripe-webhook-inbox.service';
import { BillingSyncController } from './sync/billing-sync.controller';
import { BillingSyncRunsService } from './sync/billing-sync-runs.service';

/** The HTTP side of billing: Stripe inbox, Connect onboarding, the mirror's lists, staff's event log, sync runs. */
@Module({
  imports: [StripeGatewayModule],
  controllers: [StripeWebhookController, StripeConnectController, BillingCustomersController, BillingProductsController, StripeEventsController, BillingSyncController, BillingSyncAdminController],
  providers: [StripeWebhookInboxService, StripeConnectService, BillingCatalogService, StripeEventsService, BillingSyncRunsService],
})
export class BillingModule {}
