import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { containsPattern, cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { BillingOperation } from '../catalog/billing-operation';
import { StripeGateway, type InvoiceAction } from '../gateway/stripe-gateway';
import { upsertInvoice } from '../mirror/invoices';
import type { BillingInvoiceDetailDto, BillingInvoiceDto, BillingInvoiceLinksDto, InvoiceCreateDto, InvoiceQueryDto } from './invoices.dto';

type Row = Record<string, any> & { id: string };

const SELECT = `select i.*, c.id as customer_id, c.email as customer_email, c.name as customer_name, s.id as subscription_id
  from billing_invoices i
  left join billing_customers c on c.tenant_id = i.tenant_id and c.stripe_account = i.stripe_account and c.stripe_id = i.customer
  left join billing_subscriptions s on s.tenant_id = i.tenant_id and s.stripe_account = i.stripe_account and s.stripe_id = i.subscription`;

const amount = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toInvoice(r: Row): BillingInvoiceDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    number: r.number,
    status: r.status,
    currency: r.currency,
    subtotal: amount(r.subtotal),
    tax: amount(r.tax),
    total: amount(r.total),
    amountDue: Number(r.amount_due),
    amountPaid: Number(r.amount_paid),
    amountRemaining: Number(r.amount_remaining),
    attemptCount: r.attempt_count,
    billingReason: r.billing_reason,
    collectionMethod: r.collection_method,
    customerId: r.customer_id ?? null,
    customerEmail: r.customer_email ?? null,
    customerName: r.customer_name ?? null,
    subscriptionId: r.subscription_id ?? null,
    dueDate: isoOrNull(r.due_date),
    nextPaymentAttempt: isoOrNull(r.next_payment_attempt),
    periodStart: isoOrNull(r.period_start),
    periodEnd: isoOrNull(r.period_end),
    finalizedAt: isoOrNull(r.finalized_at),
    paidAt: isoOrNull(r.paid_at),
    voidedAt: isoOrNull(r.voided_at),
    markedUncollectibleAt: isoOrNull(r.marked_uncollectible_at),
    stripeCreatedAt: isoOrNull(r.stripe_created_at),
    createdAt: iso(r.created_at),
  };
}

/** What each action needs the invoice to be, the problem otherwise, and its audit action. */
const ACTIONS: Record<InvoiceAction, { from: string[]; slug: string; detail: string; audit: string }> = {
  finalize: { from: ['draft'], slug: 'invoice-not-draft', detail: 'Only a draft invoice can be finalized.', audit: 'invoice.finalized' },
  send: { from: ['open'], slug: 'invoice-not-open', detail: 'Only an open invoice can be sent.', audit: 'invoice.sent' },
  void: { from: ['open'], slug: 'invoice-not-open', detail: 'Only an open invoice can be voided.', audit: 'invoice.voided' },
  markUncollectible: { from: ['open'], slug: 'invoice-not-open', detail: 'Only an open invoice can be marked uncollectible.', audit: 'invoice.marked_uncollectible' },
  pay: { from: ['open', 'uncollectible'], slug: 'invoice-not-payable', detail: 'Only an open or uncollectible invoice can be paid.', audit: 'invoice.pay_attempted' },
};

/** Staff's invoices: the mirror read as lists and details, Stripe's invoice actions, one-off invoices. */
@Injectable()
export class BillingInvoicesService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async list(query: InvoiceQueryDto): Promise<Page<BillingInvoiceDto>> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('i');
    list.where(`i.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status?.length) list.where(`i.status = any(${list.param(query.status)}::text[])`);
    if (query.customerId) list.where(`c.id = ${list.param(query.customerId)}::uuid`);
    if (query.subscriptionId) list.where(`s.id = ${list.param(query.subscriptionId)}::uuid`);
    if (query.createdFrom) list.where(`coalesce(i.stripe_created_at, i.created_at) >= ${list.param(query.createdFrom)}::timestamptz`);
    if (query.createdTo) list.where(`coalesce(i.stripe_created_at, i.created_at) < ${list.param(query.createdTo)}::timestamptz`);
    if (query.search) {
      const pattern = list.param(containsPattern(query.search));
      list.where(`(c.email ilike ${pattern} or c.name ilike ${pattern} or i.number ilike ${pattern})`);
    }
    const page = await list.page<Row & { cursor_at: string }>(
      SELECT.replace('select i.*,', `select i.*, ${cursorTimestampSql('i.created_at')} as cursor_at,`),
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toInvoice) };
  }

  async get(id: string): Promise<BillingInvoiceDetailDto> {
    this.gateway.assertConfigured();
    return this.detail(this.db.manager(), this.db.tenantId(), id);
  }

  /** The hosted page and PDF, read from Stripe on each call: links that let anyone pay or read the invoice are not kept. */
  async links(id: string): Promise<BillingInvoiceLinksDto> {
    const row = await this.operation.tx((manager) => this.row(manager, id));
    const stripe = await this.operation.stripe();
    const invoice = await stripe.retrieveInvoice(row.stripe_id, row.stripe_account || null);
    const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
    return { hostedInvoiceUrl: text(invoice.hosted_invoice_url), invoicePdf: text(invoice.invoice_pdf) };
  }

  /** Finalize, send, void, mark uncollectible or pay: one Stripe call, mirrored at once, audited. */
  async act(id: string, action: InvoiceAction, clientKey?: string): Promise<BillingInvoiceDetailDto> {
    const rule = ACTIONS[action];
    const row = await this.operation.tx((manager) => this.row(manager, id));
    if (!rule.from.includes(row.status)) throw Problems.conflict(rule.slug, rule.detail);
    if (action === 'send' && row.collection_method !== 'send_invoice') {
      throw Problems.unprocessable('invoice-charged-automatically', 'This invoice is charged automatically; Stripe sends only invoices collected by email.');
    }
    const stripe = await this.operation.stripe();
    const invoice = await stripe.invoiceAction(this.operation.operationId(`invoices.${action}:${id}`, clientKey), action, row.stripe_id);
    const tenantId = this.operation.principal().tenantId;
    return this.operation.tx(async (manager) => {
      await upsertInvoice(manager, tenantId, stripe.account, invoice, this.operation.stateAt(invoice, 'updated'), 'updated');
      const after = await this.detail(manager, tenantId, id);
      await this.audit.record({ action: rule.audit, entityType: 'billing_invoice', entityId: id, before: { status: row.status }, after: { status: after.status, amountPaid: after.amountPaid } });
      return after;
    });
  }

  /**
   * A one-off invoice: a draft in Stripe with one invoice item per line (each call keyed from the same
   * operation, so a retry after a partial failure finishes the same draft), mirrored and audited.
   * It stays a draft until finalized.
   */
  async create(body: InvoiceCreateDto, clientKey?: string): Promise<{ created: boolean; invoice: BillingInvoiceDetailDto }> {
    const tenantId = this.operation.principal().tenantId;
    const customer = await this.operation.tx(async (manager) => {
      const [found] = await manager.query(`select id, stripe_id from billing_customers where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, body.customerId]);
      if (!found) throw Problems.notFound('Customer');
      return found as Row;
    });
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId('invoices.create', clientKey);
    const currency = body.currency.toLowerCase();
    const lines = body.lines.map((line) => ({ description: line.description, unitAmount: line.unitAmount, quantity: line.quantity ?? 1 }));
    const total = lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
    const draft = await stripe.createInvoice(op, {
      customer: customer.stripe_id,
      currency,
      collectionMethod: body.collectionMethod,
      daysUntilDue: body.collectionMethod === 'send_invoice' ? (body.daysUntilDue ?? 30) : null,
      description: body.description ?? null,
      total,
    });
    for (const [i, line] of lines.entries()) await stripe.createInvoiceItem(`${op}:${i}`, { customer: customer.stripe_id, invoice: draft.id, currency, ...line });
    const invoice = await stripe.retrieveInvoice(draft.id);
    return this.operation.tx(async (manager) => {
      const held = await manager.query(`select id from billing_invoices where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`, [tenantId, stripe.account ?? '', draft.id]);
      await upsertInvoice(manager, tenantId, stripe.account, invoice, this.operation.stateAt(invoice, 'updated'), 'updated');
      const [row] = await manager.query(`select id from billing_invoices where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`, [tenantId, stripe.account ?? '', draft.id]);
      const detail = await this.detail(manager, tenantId, row.id);
      if (!held.length) {
        await this.audit.record({ action: 'invoice.created', entityType: 'billing_invoice', entityId: row.id, after: { stripeId: draft.id, customerId: body.customerId, currency, total, lines: lines.length } });
      }
      return { created: held.length === 0, invoice: detail };
    });
  }

  private async row(manager: EntityManager, id: string): Promise<Row> {
    const [row] = await manager.query(`select id, stripe_id, stripe_account, status, collection_method from billing_invoices where tenant_id = $1 and id = $2`, [this.operation.principal().tenantId, id]);
    if (!row) throw Problems.notFound('Invoice');
    return row as Row;
  }

  private async detail(manager: EntityManager, tenantId: string, id: string): Promise<BillingInvoiceDetailDto> {
    const [row] = (await manager.query(`${SELECT} where i.tenant_id = $1 and i.id = $2`, [tenantId, id])) as Row[];
    if (!row) throw Problems.notFound('Invoice');
    const lines = (await manager.query(
      `select l.*, p.name as product_name from billing_invoice_lines l
         left join billing_products p on p.tenant_id = l.tenant_id and p.stripe_id = l.product
        where l.tenant_id = $1 and l.invoice_id = $2 order by l.position`,
      [tenantId, id],
    )) as Row[];
    return {
      ...toInvoice(row),
      paymentIntentStripeId: row.payment_intent ?? null,
      paymentActionRequired: row.payment_action_required,
      lines: lines.map((l) => ({
        stripeId: l.stripe_id,
        description: l.description,
        amount: Number(l.amount),
        currency: l.currency,
        quantity: l.quantity,
        priceId: l.price,
        productId: l.product,
        productName: l.product_name ?? null,
        periodStart: isoOrNull(l.period_start),
        periodEnd: isoOrNull(l.period_end),
        proration: l.proration,
      })),
    };
  }
}
