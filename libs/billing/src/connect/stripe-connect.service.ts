import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, currentContext, isoOrNull } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { OnboardingLinkDto } from './dto/onboarding-link.dto';
import type { StripeConnectionDto } from './dto/stripe-connection.dto';
import { upsertStripeAccount } from './stripe-accounts';

interface AccountRow {
  account_id: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: { currently_due?: string[] };
  stripe_updated_at: Date | null;
}

/** Stripe Connect for a tenant: its account, created lazily, and the onboarding link. */
@Injectable()
export class StripeConnectService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
  ) {}

  async status(): Promise<StripeConnectionDto> {
    this.gateway.assertConfigured();
    const row = await this.account();
    return {
      connected: row !== null,
      accountId: row?.account_id ?? null,
      chargesEnabled: row?.charges_enabled ?? false,
      payoutsEnabled: row?.payouts_enabled ?? false,
      detailsSubmitted: row?.details_submitted ?? false,
      currentlyDue: row?.requirements.currently_due ?? [],
      updatedAt: isoOrNull(row?.stripe_updated_at ?? null),
    };
  }

  async onboardingLink(): Promise<OnboardingLinkDto> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    const stripe = await this.gateway.forTenant(tenantId);
    let accountId = (await this.account())?.account_id ?? null;
    if (!accountId) {
      // One account per tenant: the key is the tenant, so concurrent or retried requests get the same one.
      const created = await stripe.createConnectedAccount(tenantId);
      await upsertStripeAccount(this.db.manager(), tenantId, created, null);
      accountId = (await this.account())!.account_id;
      await this.audit.record({ action: 'stripe_account.created', entityType: 'stripe_account', entityId: tenantId, after: { accountId } });
    }
    const back = `${this.config.publicUrl}/billing/connect`;
    const link = await stripe.createOnboardingLink(currentContext()?.requestId ?? tenantId, accountId, `${back}?refresh=1`, `${back}?return=1`);
    await this.audit.record({ action: 'stripe_account.onboarding_link_created', entityType: 'stripe_account', entityId: tenantId, after: { accountId } });
    return { accountId, url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  private async account(): Promise<AccountRow | null> {
    const rows: AccountRow[] = await this.db.manager().query(
      `select account_id, charges_enabled, payouts_enabled, details_submitted, requirements, stripe_updated_at from stripe_accounts where tenant_id = $1`,
      [this.db.tenantId()],
    );
    return rows[0] ?? null;
  }
}
