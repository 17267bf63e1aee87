import { PlatformSpine1763860000000 } from './1763860000000-platform-spine';
import { InvitationsEmailIndex1763870000000 } from './1763870000000-invitations-email-index';
import { ApiKeysIdempotencyUsage1763880000000 } from './1763880000000-api-keys-idempotency-usage';
import { ReliableJobs1763881000000 } from './1763881000000-reliable-jobs';
import { Webhooks1763882000000 } from './1763882000000-webhooks';
import { SettingsFlagsEmail1763883000000 } from './1763883000000-settings-flags-email';
import { ImpersonationStaffSession1764100000000 } from './1764100000000-impersonation-staff-session';
import { SignupRequests1764100000001 } from './1764100000001-signup-requests';
import { AccountSecurity1764500000000 } from './1764500000000-account-security';
import { TenantRowSecurity1764500100000 } from './1764500100000-tenant-row-security';
import { EmailMessageSealedContent1764200000000 } from './1764200000000-email-message-sealed-content';
import { AccessStamps1764700000000 } from './1764700000000-access-stamps';
import { BillingFoundation1764800000000 } from './1764800000000-billing-foundation';
import { BillingCatalog1764900000000 } from './1764900000000-billing-catalog';
import { BillingMirrorMoney1764900100000 } from './1764900100000-billing-mirror-money';
import { BillingSyncRuns1764900200000 } from './1764900200000-billing-sync-runs';
import { PlatformPlans1765000200000 } from './1765000200000-platform-plans';
import { StripeEventOwner1765000300000 } from './1765000300000-stripe-event-owner';
import { BillingRefundRequests1765100000000 } from './1765100000000-billing-refund-requests';
import { BillingEntitlementStates1765100100000 } from './1765100100000-billing-entitlement-states';
import { BillingCoupons1765100200000 } from './1765100200000-billing-coupons';
import { BillingInvoiceReminders1765100300000 } from './1765100300000-billing-invoice-reminders';
import { StripeSubscriptionEventsIndex1765100410000 } from './1765100410000-stripe-subscription-events-index';
import { BillingDunningPolicy1765200000000 } from './1765200000000-billing-dunning-policy';
import { BillingBulkOperations1765200100000 } from './1765200100000-billing-bulk-operations';
import { BillingSubscriptionDiscounts1765200300000 } from './1765200300000-billing-subscription-discounts';
import { Paylinks1765200500000 } from './1765200500000-paylinks';
import { SystemRolePermissions1765200700000 } from './1765200700000-system-role-permissions';

/** Every migration, in order. Add new ones at the end; never edit a migration that has shipped. */
export const MIGRATIONS = [
  PlatformSpine1763860000000,
  InvitationsEmailIndex1763870000000,
  ApiKeysIdempotencyUsage1763880000000,
  ReliableJobs1763881000000,
  Webhooks1763882000000,
  SettingsFlagsEmail1763883000000,
  ImpersonationStaffSession1764100000000,
  SignupRequests1764100000001,
  EmailMessageSealedContent1764200000000,
  AccountSecurity1764500000000,
  TenantRowSecurity1764500100000,
  AccessStamps1764700000000,
  BillingFoundation1764800000000,
  BillingCatalog1764900000000,
  BillingMirrorMoney1764900100000,
  BillingSyncRuns1764900200000,
  PlatformPlans1765000200000,
  StripeEventOwner1765000300000,
  BillingRefundRequests1765100000000,
  BillingEntitlementStates1765100100000,
  BillingCoupons1765100200000,
  BillingInvoiceReminders1765100300000,
  StripeSubscriptionEventsIndex1765100410000,
  BillingDunningPolicy1765200000000,
  BillingBulkOperations1765200100000,
  BillingSubscriptionDiscounts1765200300000,
  Paylinks1765200500000,
  SystemRolePermissions1765200700000,
];
