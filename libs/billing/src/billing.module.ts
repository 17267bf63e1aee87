import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@app/webhooks';
import { BillingSyncAdminController } from './admin/billing-sync-admin.controller';
import { StripeEventsController } from './admin/stripe-events.controller';
import { StripeEventsService } from './admin/stripe-events.service';
import { StripeWebhookHealthController } from './admin/stripe-webhook-health.controller';
import { BillingCatalogService } from './catalog/billing-catalog.service';
import { BillingOperation } from './catalog/billing-operation';
import { BillingCheckoutController } from './catalog/billing-checkout.controller';
import { BillingCheckoutService } from './catalog/billing-checkout.service';
import { BillingCustomersController } from './catalog/billing-customers.controller';
import { BillingCustomersService } from './catalog/billing-customers.service';
import { BillingPricesController, BillingProductsController } from './catalog/billing-products.controller';
import { StripeConnectController } from './connect/stripe-connect.controller';
import { StripeConnectService } from './connect/stripe-connect.service';
import { StripeGatewayModule } from './gateway/stripe-gateway.module';
import { StripeWebhookController } from './inbox/stripe-webhook.controller';
import { StripeWebhookInboxService } from './inbox/stripe-webhook-inbox.service';
import { PlatformPlansAdminController } from './platform-plans/platform-plans-admin.controller';
import { PlatformPlansService } from './platform-plans/platform-plans.service';
import { TenantPlansController } from './platform-plans/tenant-plans.controller';
import { TenantPlansService } from './platform-plans/tenant-plans.service';
import { BillingSyncController } from './sync/billing-sync.controller';
import { BillingCreditsController } from './credits/credits.controller';
import { BillingCreditsService } from './credits/credits.service';
import { BillingDisputesController } from './disputes/disputes.controller';
import { SubscriptionCreateController } from './subscriptions/subscription-create.controller';
import { SubscriptionCreateService } from './subscriptions/subscription-create.service';
import { BillingTimelineController } from './timeline/timeline.controller';
import { BillingTimelineService } from './timeline/timeline.service';
import { BillingDunningController } from './dunning/dunning.controller';
import { BillingDunningService } from './dunning/dunning.service';
import { EntitlementsController } from './entitlements/entitlements.controller';
import { EntitlementsService } from './entitlements/entitlements.service';
import { BillingDisputesService } from './disputes/disputes.service';
import { BillingInvoicesController } from './invoices/invoices.controller';
import { BillingInvoicesService } from './invoices/invoices.service';
import { SubscriptionActionsController } from './subscriptions/subscription-actions.controller';
import { SubscriptionActionsService } from './subscriptions/subscription-actions.service';
import { BillingSubscriptionsController } from './subscriptions/subscriptions.controller';
import { BillingSubscriptionsService } from './subscriptions/subscriptions.service';
import { BillingSyncRunsService } from './sync/billing-sync-runs.service';
import { BillingPaymentsController } from './payments/payments.controller';
import { BillingPaymentsService } from './payments/payments.service';
import { PaymentRefundsService } from './payments/payment-refunds.service';
import { RefundRequestsController } from './payments/refund-requests.controller';
import { RefundRequestsService } from './payments/refund-requests.service';
import { BillingCouponsController } from './coupons/coupons.controller';
import { BillingCouponsService } from './coupons/coupons.service';
import { BillingPromotionCodesController } from './coupons/promotion-codes.controller';
import { BillingPromotionCodesService } from './coupons/promotion-codes.service';
import { SubscriptionCouponController } from './coupons/subscription-coupon.controller';
import { SubscriptionCouponService } from './coupons/subscription-coupon.service';
import { BillingMetricsController } from './metrics/metrics.controller';
import { BillingMetricsService } from './metrics/metrics.service';
import { MemberBillingController } from './member-billing/member-billing.controller';
import { MemberBillingService } from './member-billing/member-billing.service';
import { BulkOperationsController } from './bulk/bulk-operations.controller';
import { BulkOperationsService } from './bulk/bulk-operations.service';
import { PaylinksController } from './paylinks/paylinks.controller';
import { PaylinksService } from './paylinks/paylinks.service';
import { PublicPaylinksController } from './paylinks/public-paylinks.controller';
import { PublicPaylinksService } from './paylinks/public-paylinks.service';

/** The HTTP side of billing: Stripe inbox, Connect onboarding, the mirror's lists, staff's event log, sync runs, the platform's plans for tenants, staff's subscription actions, coupons and promotion codes, metrics, members' own billing, bulk actions on subscriptions, pay links. */
@Module({
  imports: [StripeGatewayModule, WebhookEventsModule],
  controllers: [StripeWebhookController, StripeConnectController, BillingCustomersController, BillingProductsController, BillingPricesController, BillingCheckoutController, StripeEventsController, StripeWebhookHealthController, BillingSyncController, BillingSyncAdminController, PlatformPlansAdminController, TenantPlansController, BillingSubscriptionsController, BillingInvoicesController, BillingDisputesController, SubscriptionCreateController, BillingTimelineController, BillingDunningController, BillingCreditsController, EntitlementsController, SubscriptionActionsController, BillingPaymentsController, RefundRequestsController, BillingCouponsController, BillingPromotionCodesController, SubscriptionCouponController, BillingMetricsController, MemberBillingController, BulkOperationsController, PaylinksController, PublicPaylinksController],
  providers: [BillingOperation, StripeWebhookInboxService, StripeConnectService, BillingCatalogService, BillingCustomersService, BillingCheckoutService, StripeEventsService, BillingSyncRunsService, PlatformPlansService, TenantPlansService, BillingSubscriptionsService, BillingInvoicesService, BillingDisputesService, SubscriptionCreateService, BillingTimelineService, BillingDunningService, BillingCreditsService, EntitlementsService, SubscriptionActionsService, BillingPaymentsService, PaymentRefundsService, RefundRequestsService, BillingCouponsService, BillingPromotionCodesService, SubscriptionCouponService, BillingMetricsService, MemberBillingService, BulkOperationsService, PaylinksService, PublicPaylinksService],
})
export class BillingModule {}
