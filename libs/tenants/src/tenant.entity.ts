import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type TenantStatus = 'pending' | 'active' | 'rejected' | 'suspended';

export interface TenantBranding {
  /** #rrggbb */
  primaryColor: string | null;
}

/** How refunds are pre-filled (GET /billing/payments/{id}/refund-quote). */
export interface TenantRefundPolicy {
  /** Days after a payment succeeded within which a refund is suggested (0..365). */
  windowDays: number;
  /** full: everything left; prorated: the unused part of the paid period. */
  mode: 'full' | 'prorated';
}

/** Which billing lifecycle emails the business sends its customers (each a template it can edit); all off at first. */
export interface TenantBillingEmails {
  receipt: boolean;
  trialEnding: boolean;
  renewalReminder: boolean;
  canceled: boolean;
  paymentFailed: boolean;
  /** The daily reminder to customers whose card expires at the end of this month. */
  cardExpiring: boolean;
  /** The daily digest to staff holding billing:read (trials ending, cancellations requested, failed payments). */
  staffDigest: boolean;
}

/**
 * What happens after Stripe's last automatic attempt to collect an invoice fails: nothing, the member's
 * access suspended (until a payment of the subscription succeeds) or the subscription canceled at once.
 */
export type TenantDunningPolicy = 'none' | 'suspend' | 'cancel';
export const DUNNING_POLICIES: readonly TenantDunningPolicy[] = ['none', 'suspend', 'cancel'];

export interface TenantSettings {
  supportEmail?: string | null;
  timezone?: string;
  defaultCurrency?: string;
  /** Set by platform staff only; new tenants start with the platform default. */
  platformFeeBps?: number;
  logoUrl?: string | null;
  branding?: TenantBranding;
  /** How long audit rows are kept (the retention job deletes older ones). */
  auditRetentionDays?: number;
  refundPolicy?: TenantRefundPolicy;
  /** Refunds above this many minor units need a second person's approval; null: none do. */
  refundApprovalThreshold?: number | null;
  billingEmails?: TenantBillingEmails;
  dunningPolicy?: TenantDunningPolicy;
}

export const DEFAULT_TENANT_SETTINGS: Required<TenantSettings> = {
  supportEmail: null,
  timezone: 'UTC',
  defaultCurrency: 'USD',
  platformFeeBps: 1500,
  logoUrl: null,
  branding: { primaryColor: null },
  auditRetentionDays: 90,
  refundPolicy: { windowDays: 30, mode: 'full' },
  refundApprovalThreshold: null,
  billingEmails: { receipt: false, trialEnding: false, renewalReminder: false, canceled: false, paymentFailed: false, cardExpiring: false, staffDigest: false },
  dunningPolicy: 'none',
};

@Entity('tenants')
export class Tenant {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') slug: string;
  @Column('text') status: TenantStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('text') plan: string;
  @Column('jsonb') settings: TenantSettings;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
