import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { containsPattern, cursorTimestampSql, formatMoney, iso, isoOrNull, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { EmailService } from '@app/email';
import { BillingOperation } from '../catalog/billing-operation';
import { StripeGateway } from '../gateway/stripe-gateway';
import { LOST_AT, RECOVERED_AT } from './invoice-recovery';
import type { FailedPaymentDto, FailedPaymentListDto, FailedPaymentQueryDto, FailedPaymentStatsDto, ReminderCreateDto, ReminderSentDto } from './dunning.dto';

type Row = Record<string, any>;

/** Reminders of one invoice are at least this far apart: a double click or two staff members send one email. */
const REMINDER_GAP_MINUTES = 60;

const FAILING = `i.status = 'open' and i.attempt_count > 0`;
const SELECT = `select i.id, i.stripe_id, i.number, i.amount_remaining, i.currency, i.attempt_count, i.next_payment_attempt, i.reminders_sent, i.last_reminder_at, i.created_at,
         c.id as customer_id, c.email as customer_email, c.name as customer_name, s.id as subscription_id, s.access_suspended_at, s.access_suspended_reason,
         p.failure_code, p.failure_message, p.card_brand, p.card_last4, p.card_exp_month, p.card_exp_year
    from billing_invoices i
    left join billing_customers c on c.tenant_id = i.tenant_id and c.stripe_account = i.stripe_account and c.stripe_id = i.customer
    left join billing_subscriptions s on s.tenant_id = i.tenant_id and s.stripe_account = i.stripe_account and s.stripe_id = i.subscription
    left join billing_payments p on p.tenant_id = i.tenant_id and p.stripe_account = i.stripe_account and p.stripe_id = i.payment_intent`;

function toFailedPayment(r: Row): FailedPaymentDto {
  const card = r.card_brand || r.card_last4 ? { brand: r.card_brand ?? null, last4: r.card_last4 ?? null, expMonth: r.card_exp_month ?? null, expYear: r.card_exp_year ?? null } : null;
  return {
    invoiceId: r.id,
    invoiceStripeId: r.stripe_id,
    invoiceNumber: r.number,
    amountDue: Number(r.amount_remaining),
    currency: r.currency,
    attemptCount: r.attempt_count,
    nextPaymentAttempt: isoOrNull(r.next_payment_attempt),
    declineCode: r.failure_code ?? null,
    declineMessage: r.failure_message ?? null,
    card,
    customerId: r.customer_id ?? null,
    customerEmail: r.customer_email ?? null,
    customerName: r.customer_name ?? null,
    subscriptionId: r.subscription_id ?? null,
    accessSuspendedAt: isoOrNull(r.access_suspended_at),
    accessSuspendedReason: r.access_suspended_reason ?? null,
    remindersSent: r.reminders_sent,
    lastReminderAt: isoOrNull(r.last_reminder_at),
    createdAt: iso(r.created_at),
  };
}

/**
 * Dunning for staff: the invoices whose automatic payment failed and are still open, how many were
 * recovered or lost lately, and payment reminders by email (templates of the catalog, with Stripe's
 * hosted page to pay with another card). Retrying now is the invoice's own `pay` action.
 */
@Injectable()
export class BillingDunningService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
    private readonly email: EmailService,
  ) {}

  async list(query: FailedPaymentQueryDto): Promise<FailedPaymentListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('i');
    list.where(`i.tenant_id = ${list.param(this.db.tenantId())}`).where(FAILING);
    if (query.search) {
      const pattern = list.param(containsPattern(query.search));
      list.where(`(c.email ilike ${pattern} or c.name ilike ${pattern} or i.number ilike ${pattern})`);
    }
    const page = await list.page<Row & { id: string; cursor_at: string }>(
      SELECT.replace('select i.id,', `select i.id, ${cursorTimestampSql('i.created_at')} as cursor_at,`),
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toFailedPayment), stats: await this.stats() };
  }

  private async stats(): Promise<FailedPaymentStatsDto> {
    const tenantId = this.db.tenantId();
    const rows = await this.db.query<{ kind: string; currency: string; count: number; amount: string }>(
      `select kind, currency, count(*)::int as count, sum(amount)::bigint as amount from (
         select 'failing' as kind, i.currency, i.amount_remaining as amount from billing_invoices i where i.tenant_id = $1 and ${FAILING}
         union all
         select 'recovered', i.currency, i.amount_paid from billing_invoices i
          where i.tenant_id = $1 and ${RECOVERED_AT} >= now() - interval '30 days'
         union all
         select 'lost', i.currency, i.amount_remaining from billing_invoices i
          where i.tenant_id = $1 and ${LOST_AT} >= now() - interval '30 days'
       ) x group by kind, currency order by kind, currency`,
      [tenantId],
    );
    const of = (kind: string) => rows.filter((r) => r.kind === kind);
    const count = (kind: string) => of(kind).reduce((sum, r) => sum + r.count, 0);
    const amounts = (kind: string) => of(kind).map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
    const recovered = count('recovered');
    const lost = count('lost');
    return {
      failing: count('failing'),
      failingAmount: amounts('failing'),
      recovered30d: recovered,
      recoveredAmount30d: amounts('recovered'),
      lost30d: lost,
      recoveryRate30d: recovered + lost === 0 ? null : Math.round((recovered / (recovered + lost)) * 10_000) / 10_000,
    };
  }

  /**
   * Emails the customer a reminder for an open invoice, with Stripe's hosted page to pay it (a link that
   * lets anyone pay: the email log keeps it hidden). Audited; at most one reminder an hour per invoice.
   */
  async remind(invoiceId: string, body: ReminderCreateDto): Promise<ReminderSentDto> {
    const tenantId = this.operation.principal().tenantId;
    const invoice = await this.operation.tx(async (manager) => {
      const [row] = (await manager.query(
        `select i.id, i.stripe_id, i.stripe_account, i.status, i.number, i.amount_remaining, i.currency, i.last_reminder_at, c.email, c.name, t.name as tenant_name
           from billing_invoices i
           join tenants t on t.id = i.tenant_id
           left join billing_customers c on c.tenant_id = i.tenant_id and c.stripe_account = i.stripe_account and c.stripe_id = i.customer
          where i.tenant_id = $1 and i.id = $2`,
        [tenantId, invoiceId],
      )) as Row[];
      if (!row) throw Problems.notFound('Invoice');
      if (row.status !== 'open') throw Problems.conflict('invoice-not-open', 'Reminders are sent for open invoices only.');
      if (!row.email) throw Problems.unprocessable('customer-has-no-email', 'The invoice\'s customer has no email address.');
      if (row.last_reminder_at && Date.now() - new Date(row.last_reminder_at).getTime() < REMINDER_GAP_MINUTES * 60_000) {
        throw Problems.conflict('reminder-recently-sent', `A reminder for this invoice was sent less than ${REMINDER_GAP_MINUTES} minutes ago.`);
      }
      return row;
    });
    const stripe = await this.operation.stripe();
    const hosted = (await stripe.retrieveInvoice(invoice.stripe_id, invoice.stripe_account || null)).hosted_invoice_url;
    if (typeof hosted !== 'string' || !hosted) throw Problems.unprocessable('invoice-has-no-payment-page', 'Stripe has no payment page for this invoice.');
    return this.operation.tx(async () => {
      // Claimed under the row's lock: of two concurrent reminders, the second finds the first's time.
      const [updated] = await this.db.query<Row>(
        `update billing_invoices set reminders_sent = reminders_sent + 1, last_reminder_at = now()
          where tenant_id = $1 and id = $2 and (last_reminder_at is null or last_reminder_at < now() - make_interval(mins => $3))
          returning reminders_sent`,
        [tenantId, invoiceId, REMINDER_GAP_MINUTES],
      );
      if (!updated) throw Problems.conflict('reminder-recently-sent', `A reminder for this invoice was sent less than ${REMINDER_GAP_MINUTES} minutes ago.`);
      const emailId = await this.email.send(
        invoice.email,
        body.template,
        { name: invoice.name ?? invoice.email, tenantName: invoice.tenant_name, amount: formatMoney(Number(invoice.amount_remaining), invoice.currency), invoiceNumber: invoice.number ?? invoice.stripe_id, link: hosted },
        tenantId,
      );
      await this.audit.record({ action: 'invoice.reminder_sent', entityType: 'billing_invoice', entityId: invoiceId, after: { template: body.template, emailId, remindersSent: updated.reminders_sent } });
      return { emailId, remindersSent: updated.reminders_sent };
    });
  }
}
