import { Injectable, Logger } from '@nestjs/common';
import { formatMoney } from '@app/core';
import { Db } from '@app/database';
import { EmailService } from '@app/email';
import { JobName, runSingleton } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';

type Row = Record<string, any>;

/** Subscription statuses that will renew (and so charge the card again). */
const RENEWING = `('active', 'trialing', 'past_due')`;

/**
 * Tenant $1's live subscriptions whose card expires in month $3 of year $2 and that keep renewing after
 * the end of that month ($4), with no reminder yet for that card expiry. The card is the one of the
 * subscription's latest invoice paid or tried by card (as the subscription detail shows it).
 */
const DUE = `
  select s.id, s.stripe_account, s.customer, s.current_period_end, c.email, c.name, t.name as tenant_name, t.settings->>'timezone' as timezone,
         card.card_exp_year, card.card_exp_month,
         coalesce(s.upcoming_invoice_amount, (select sum(coalesce(i.unit_amount, 0) * coalesce(i.quantity, 1)) from billing_subscription_items i where i.tenant_id = s.tenant_id and i.subscription_id = s.id)) as amount,
         coalesce(s.upcoming_invoice_currency, s.currency) as currency
    from billing_subscriptions s
    join tenants t on t.id = s.tenant_id
    join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer and c.deleted_at is null
    cross join lateral (
      select p.card_exp_year, p.card_exp_month
        from billing_invoices inv join billing_payments p on p.tenant_id = inv.tenant_id and p.stripe_account = inv.stripe_account and p.stripe_id = inv.payment_intent
       where inv.tenant_id = s.tenant_id and inv.stripe_account = s.stripe_account and inv.subscription = s.stripe_id and p.card_last4 is not null
       order by inv.created_at desc, inv.id desc limit 1
    ) card
   where s.tenant_id = $1 and s.status in ${RENEWING} and not s.cancel_at_period_end and (s.cancel_at is null or s.cancel_at > $4)
     and c.email is not null and card.card_exp_year = $2 and card.card_exp_month = $3
     and not exists (select 1 from billing_card_expiry_reminders r where r.tenant_id = s.tenant_id and r.subscription_id = s.id and r.card_exp_year = $2 and r.card_exp_month = $3)
   order by s.id`;

/**
 * The daily card-expiring reminder (settings.billingEmails.cardExpiring): each customer whose live
 * subscription's card expires at the end of the current UTC month (a card works through the last day of
 * its expiry month, so next month's renewals would fail) gets the `card-expiring` email with a link to
 * Stripe's billing portal to update the card, once per subscription and card expiry (recorded in
 * billing_card_expiry_reminders: a re-run sends nothing; a new card expiring later is reminded again).
 */
@Injectable()
export class CardExpiryReminders {
  private readonly logger = new Logger('CardExpiryReminders');

  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly email: EmailService,
  ) {}

  /** Returns how many reminders were queued. */
  async run(now = new Date()): Promise<number> {
    if (!this.gateway.configured) return 0;
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() + 1;
    const monthEnd = new Date(Date.UTC(year, month, 1));
    let sent = 0;
    await runSingleton(this.db, JobName.BillingCardExpiryReminders, async () => {
      await this.db.crossTenant();
      const tenants = await this.db.query<{ id: string }>(
        `select id from tenants where status = 'active' and (settings #>> '{billingEmails,cardExpiring}')::boolean is true order by id`,
      );
      for (const tenant of tenants) {
        await this.db.bindTenant(tenant.id);
        for (const row of await this.db.query<Row>(DUE, [tenant.id, year, month, monthEnd])) {
          if (await this.remind(tenant.id, row)) sent += 1;
        }
      }
    });
    return sent;
  }

  private async remind(tenantId: string, r: Row): Promise<boolean> {
    const expiry = `${r.card_exp_year}-${String(r.card_exp_month).padStart(2, '0')}`;
    let link: string;
    try {
      const stripe = await this.gateway.forTenant(tenantId);
      link = (await stripe.createPortalSession(`card-expiring:${r.id}:${expiry}`, r.customer, this.email.link('/'))).url;
    } catch (error) {
      // Tomorrow's run tries again: nothing was recorded.
      this.logger.warn(`subscription ${r.id}: no billing portal link (${(error as Error).message}); card-expiring reminder not sent`);
      return false;
    }
    const [claimed] = await this.db.query(
      `insert into billing_card_expiry_reminders (tenant_id, subscription_id, card_exp_year, card_exp_month) values ($1, $2, $3, $4)
       on conflict do nothing returning subscription_id`,
      [tenantId, r.id, r.card_exp_year, r.card_exp_month],
    );
    if (!claimed) return false;
    const renewsAt = r.current_period_end
      ? new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: r.timezone ?? 'UTC' }).format(new Date(r.current_period_end))
      : 'your next renewal';
    const emailId = await this.email.send(
      r.email,
      'card-expiring',
      {
        name: r.name ?? r.email,
        tenantName: r.tenant_name,
        amount: r.currency && r.amount !== null ? formatMoney(Number(r.amount), r.currency) : '',
        invoiceNumber: `renewal on ${renewsAt}`,
        link,
      },
      tenantId,
    );
    await this.db.query(
      `update billing_card_expiry_reminders set email_id = $5 where tenant_id = $1 and subscription_id = $2 and card_exp_year = $3 and card_exp_month = $4`,
      [tenantId, r.id, r.card_exp_year, r.card_exp_month, emailId],
    );
    return true;
  }
}
