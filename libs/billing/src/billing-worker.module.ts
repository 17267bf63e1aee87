import { Module } from '@nestjs/common';
import { IntegrationStateService } from '@app/tenants';
import { WebhookEventsModule } from '@app/webhooks';
import { STRIPE_EVENT_HANDLER_CLASSES } from './events/handlers';
import { STRIPE_EVENT_HANDLERS, type StripeEventHandler } from './events/stripe-event-handler';
import { StripeEventProcessor } from './events/stripe-event-processor';
import { EntitlementsService } from './entitlements/entitlements.service';
import { LifecycleEmails } from './lifecycle/lifecycle-emails';
import { DunningPolicy } from './dunning/dunning-policy';
import { CardExpiryReminders } from './dunning/card-expiry-reminders';
import { StaffDigest } from './lifecycle/staff-digest';
import { StripeGatewayModule } from './gateway/stripe-gateway.module';
import { PlatformPlanReconciler } from './platform-plans/platform-plan-reconciler';
import { PlatformPlanSubscriptionHandler } from './platform-plans/platform-plan-subscription.handler';
import { BillingSyncRunner } from './sync/billing-sync-runner';
import { BillingSyncScheduler } from './sync/billing-sync-scheduler';
import { BulkOperationRunner } from './bulk/bulk-operation-runner';
import { BillingOperation } from './catalog/billing-operation';
import { SubscriptionCouponService } from './coupons/subscription-coupon.service';
import { SubscriptionActionsService } from './subscriptions/subscription-actions.service';
import { BillingSubscriptionsService } from './subscriptions/subscriptions.service';

/** The worker side of billing: applying stored Stripe events to the mirror, reconciliation and import runs, the daily check of the plans tenants buy, bulk actions on subscriptions. */
@Module({
  imports: [StripeGatewayModule, WebhookEventsModule],
  providers: [
    IntegrationStateService,
    ...STRIPE_EVENT_HANDLER_CLASSES,
    { provide: STRIPE_EVENT_HANDLERS, inject: STRIPE_EVENT_HANDLER_CLASSES, useFactory: (...handlers: StripeEventHandler[]) => handlers },
    PlatformPlanSubscriptionHandler,
    PlatformPlanReconciler,
    StripeEventProcessor,
    EntitlementsService,
    LifecycleEmails,
    DunningPolicy,
    CardExpiryReminders,
    StaffDigest,
    BillingSyncRunner,
    BillingSyncScheduler,
    // Bulk actions run each item through the single action's own service, as the HTTP side does.
    BillingOperation,
    BillingSubscriptionsService,
    SubscriptionActionsService,
    SubscriptionCouponService,
    BulkOperationRunner,
  ],
  exports: [StripeEventProcessor, BillingSyncRunner, BillingSyncScheduler, PlatformPlanReconciler, BulkOperationRunner, CardExpiryReminders, StaffDigest],
})
export class BillingWorkerModule {}
