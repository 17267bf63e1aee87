import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { containsPattern, cursorTimestampSql, isoOrNull, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import { PAYMENT_COLUMNS, PAYMENT_FROM, REFUND_SELECT, type Row, toPayment, toRefund } from './payment-rows';
import type { PaymentDetailDto, PaymentListDto, PaymentQueryDto } from './payments.dto';
import { readRefundSettings, refundQuote } from './refund-policy';
import type { RefundQuoteDto } from './refund-requests.dto';

/** Staff's view of the tenant's payments (payment intents, or charges without one), as mirrored from Stripe. */
@Injectable()
export class BillingPaymentsService {
  constructor(private readonly db: Db, private readonly gateway: StripeGateway) {}

  async list(query: PaymentQueryDto): Promise<PaymentListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('p');
    const param = (value: unknown) => list.param(value);
    list.where(`p.tenant_id = ${param(this.db.tenantId())}`);
    if (query.status?.length) list.where(`p.status = any(${param(query.status)}::text[])`);
    if (query.customerId) list.where(`c.id = ${param(query.customerId)}::uuid`);
    if (query.createdFrom) list.where(`p.created_at >= ${param(query.createdFrom)}::timestamptz`);
    if (query.createdTo) list.where(`p.created_at < ${param(query.createdTo)}::timestamptz`);
    if (query.refunded !== undefined) list.where(query.refunded ? 'p.amount_refunded > 0' : 'p.amount_refunded = 0');
    if (query.search) {
      const pattern = param(containsPattern(query.search));
      list.where(`(c.email ilike ${pattern} or c.name ilike ${pattern})`);
    }
    const page = await list.page<Row & { cursor_at: string }>(
      `select ${PAYMENT_COLUMNS}, ${cursorTimestampSql('p.created_at')} as cursor_at ${PAYMENT_FROM}`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toPayment) };
  }

  async get(id: string): Promise<PaymentDetailDto> {
    this.gateway.assertConfigured();
    return this.detail(this.db.manager(), id);
  }

  /** A payment with its refunds, newest first (in `manager`'s transaction). */
  async detail(manager: EntityManager, id: string): Promise<PaymentDetailDto> {
    const row = await this.row(manager, id);
    const refunds = (await manager.query(
      `${REFUND_SELECT}
        where rf.tenant_id = $1 and rf.stripe_account = $2 and (rf.payment_intent = $3 or rf.charge = $4)
        order by rf.created_at desc, rf.id desc`,
      [row.tenant_id, row.stripe_account, row.stripe_id, row.charge],
    )) as Row[];
    return { ...toPayment(row), refunds: refunds.map(toRefund) };
  }

  /** What the tenant's refund policy suggests refunding of a payment (pre-fills the refund form). */
  async quote(id: string): Promise<RefundQuoteDto> {
    this.gateway.assertConfigured();
    const manager = this.db.manager();
    const row = await this.row(manager, id);
    if (row.status !== 'succeeded') throw Problems.conflict('payment-not-refundable', `Only a succeeded payment can be refunded (this one is ${row.status}).`);
    const { policy, approvalThreshold } = await readRefundSettings(manager, row.tenant_id);
    const date = (value: Date | string | null) => (value === null ? null : new Date(value));
    const quote = refundQuote(policy, {
      refundable: Number(row.refundable),
      received: Number(row.amount_received ?? row.amount),
      refunded: Number(row.amount_refunded),
      succeededAt: date(row.succeeded_at),
      periodStart: date(row.invoice_period_start),
      periodEnd: date(row.invoice_period_end),
      now: new Date(),
    });
    return {
      refundable: Number(row.refundable), ...quote, windowDays: policy.windowDays, mode: policy.mode, approvalThreshold, currency: row.currency,
      periodStart: isoOrNull(row.invoice_period_start), periodEnd: isoOrNull(row.invoice_period_end),
    };
  }

  /** The payment's row with its customer, invoice and refundable amount; 404 when the tenant has none. */
  async row(manager: EntityManager, id: string): Promise<Row> {
    const [row] = (await manager.query(`select ${PAYMENT_COLUMNS} ${PAYMENT_FROM} where p.tenant_id = $1 and p.id = $2`, [this.db.tenantId(), id])) as Row[];
    if (!row) throw Problems.notFound('Payment');
    return row;
  }
}
