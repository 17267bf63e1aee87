import { Injectable, Logger } from '@nestjs/common';
import { formatMoney } from '@app/core';
import { Db } from '@app/database';
import { EmailService } from '@app/email';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import { idOf } from '../events/stripe-event-handler';
import { field } from '../mirror/mirror-change';

type Kind = 'receipt' | 'trialEnding' | 'renewalReminder' | 'canceled' | 'paymentFailed';

/** The Stripe event each lifecycle email follows (one email per event: the inbox processes an event once). */
const KIND_OF: Record<string, Kind> = {
  'invoice.paid': 'receipt',
  'customer.subscription.trial_will_end': 'trialEnding',
  'invoice.upcoming': 'renewalReminder',
  'customer.subscription.deleted': 'canceled',
  'invoice.payment_failed': 'paymentFailed',
};

interface Context {
  tenantName: string;
  timezone: string;
  email: string;
  name: string;
}

/**
 * A business's billing lifecycle emails to its customers (receipt, trial ending, renewal reminder, ended,
 * payment failed), each sent when the business turned it on (settings.billingEmails) and the customer has
 * an email, in the transaction that applies the Stripe event: stored and queued with it, or not at all.
 */
@Injectable()
export class LifecycleEmails {
  private readonly logger = new Logger('LifecycleEmails');

  constructor(
    private readonly db: Db,
    private readonly email: EmailService,
  ) {}

  async afterStripeEvent(event: StripeEvent, account: string | null): Promise<void> {
    const kind = KIND_OF[event.type];
    if (!kind) return;
    const object = event.data.object;
    const customer = idOf(object.customer);
    if (!customer) return;
    const [row] = await this.db.query<{ on: boolean | null; tenant_name: string; timezone: string | null; email: string | null; name: string | null }>(
      `select (t.settings #>> array['billingEmails', $4])::boolean as on, t.name as tenant_name, t.settings->>'timezone' as timezone, c.email, c.name
         from tenants t left join billing_customers c on c.tenant_id = t.id and c.stripe_account = $2 and c.stripe_id = $3 and c.deleted_at is null
        where t.id = $1`,
      [this.db.tenantId(), account ?? '', customer, kind],
    );
    if (!row?.on || !row.email) return;
    const context: Context = { tenantName: row.tenant_name, timezone: row.timezone ?? 'UTC', email: row.email, name: row.name ?? row.email };
    const tenantId = this.db.tenantId();
    const day = (unix: unknown) => {
      const time = field.time(unix);
      return time ? new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: context.timezone }).format(new Date(time)) : '';
    };
    const base = { name: context.name, tenantName: context.tenantName };
    switch (kind) {
      case 'receipt': {
        const paid = field.integer(object.amount_paid) ?? 0;
        if (paid <= 0) return;
        const paidAt = field.object(object.status_transitions)?.paid_at ?? event.created;
        await this.email.send(context.email, 'payment-receipt', { ...base, amount: this.money(paid, object), invoiceNumber: field.text(object.number) ?? object.id, paidAt: day(paidAt) }, tenantId);
        return;
      }
      case 'paymentFailed': {
        const link = field.text(object.hosted_invoice_url);
        if (!link) return this.logger.warn(`invoice ${object.id}: no hosted page, payment-failed email not sent`);
        await this.email.send(context.email, 'payment-failed', { ...base, amount: this.money(field.integer(object.amount_remaining) ?? field.integer(object.amount_due) ?? 0, object), invoiceNumber: field.text(object.number) ?? object.id, link }, tenantId);
        return;
      }
      case 'renewalReminder': {
        const planName = await this.planName(account, this.products(object));
        await this.email.send(context.email, 'renewal-reminder', { ...base, planName, amount: this.money(field.integer(object.amount_due) ?? 0, object), renewsAt: day(object.next_payment_attempt ?? object.period_end) }, tenantId);
        return;
      }
      case 'trialEnding':
        await this.email.send(context.email, 'trial-ending', { ...base, planName: await this.planName(account, this.products(object)), trialEnd: day(object.trial_end) }, tenantId);
        return;
      case 'canceled':
        await this.email.send(context.email, 'subscription-canceled', { ...base, planName: await this.planName(account, this.products(object)), endedAt: day(object.ended_at ?? object.canceled_at ?? event.created) }, tenantId);
        return;
    }
  }

  private money(amount: number, object: StripeObject): string {
    const currency = field.currency(object.currency);
    return currency ? formatMoney(amount, currency) : String(amount);
  }

  /** Stripe product ids of a subscription's items or an invoice's lines. */
  private products(object: StripeObject): string[] {
    const rows = field.list(object.items) ?? field.list(object.lines) ?? [];
    return rows
      .map((row) => {
        const price = field.object(row.price) ?? field.object(field.object(row.pricing)?.price_details);
        return idOf(price?.product);
      })
      .filter((id): id is string => Boolean(id));
  }

  private async planName(account: string | null, products: string[]): Promise<string> {
    if (!products.length) return 'your plan';
    const rows = await this.db.query<{ name: string }>(
      `select name from billing_products where tenant_id = $1 and stripe_account = $2 and stripe_id = any($3::text[]) and name <> '' order by name`,
      [this.db.tenantId(), account ?? '', products],
    );
    return rows.map((r) => r.name).join(', ') || 'your plan';
  }
}
