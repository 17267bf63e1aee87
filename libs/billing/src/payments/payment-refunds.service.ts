import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { newId, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';
import { WebhookEventsService } from '@app/webhooks';
import type { StripeObject } from '../gateway/stripe-event';
import type { TenantStripe } from '../gateway/stripe-gateway';
import { BillingOperation } from '../catalog/billing-operation';
import { publishRefundChange } from '../events/billing-domain-events';
import { field } from '../mirror/mirror-change';
import { upsertCharge } from '../mirror/payments';
import { upsertRefund } from '../mirror/refunds';
import { mirrorNow } from '../mirror/mirror-upsert';
import { REFUND_SELECT, REFUNDABLE, PAYMENT_FROM, type Row, toRefund } from './payment-rows';
import type { PaymentRefundDto } from './payments.dto';
import { readRefundSettings } from './refund-policy';
import type { CreateRefundDto, RefundReason } from './refund-requests.dto';

/** A refund request row (billing_refund_requests) with its payment's Stripe ids. */
export type HeldRefund = Row & { payment_stripe_id: string; payment_charge: string | null; status: string };

/** What a refund request came to: sent (the refund Stripe made) or waiting for a second person. */
export type RefundOutcome = { sent: PaymentRefundDto } | { awaitingApproval: HeldRefund };

const notRefundable = (detail: string) => Problems.conflict('payment-not-refundable', detail);

/**
 * Refunds of payments. A request first reserves its amount in a short transaction under a lock of the
 * payment's row (what is left = received − refunded − what other requests hold), then Stripe is called
 * with no connection held, then a short transaction marks it sent and mirrors the refund and the
 * payment's refunded amount from Stripe's answer. A Stripe refusal marks it failed (it holds nothing).
 */
@Injectable()
export class PaymentRefundsService {
  constructor(
    private readonly db: Db,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async refund(paymentId: string, body: CreateRefundDto, clientKey?: string): Promise<RefundOutcome> {
    const operationId = this.operation.operationId(`payments.refund:${paymentId}`, clientKey);
    const held = await this.operation.tx((manager) => this.reserve(manager, paymentId, body, operationId));
    if (held.status === 'pending_approval' || held.status === 'rejected') return { awaitingApproval: held };
    if (held.status === 'sent') return { sent: await this.operation.tx((manager) => this.refundOf(manager, held)) };
    return { sent: await this.send(held) };
  }

  /**
   * Holds the refund's amount on the payment (or finds the request of this operation again: a retry).
   * Above the tenant's approval threshold it waits for a second person instead.
   */
  private async reserve(manager: EntityManager, paymentId: string, body: CreateRefundDto, operationId: string): Promise<HeldRefund> {
    const { tenantId, userId } = this.operation.principal();
    const [payment] = await manager.query(`select id, status from billing_payments where tenant_id = $1 and id = $2 for update`, [tenantId, paymentId]);
    if (!payment) throw Problems.notFound('Payment');
    const [retried] = await manager.query(`select id, status from billing_refund_requests where tenant_id = $1 and operation_id = $2`, [tenantId, operationId]);
    if (retried && retried.status !== 'failed') return this.held(manager, retried.id);
    if (payment.status !== 'succeeded') throw notRefundable(`Only a succeeded payment can be refunded (this one is ${payment.status}).`);
    const [{ refundable, currency }] = await manager.query(`select ${REFUNDABLE} as refundable, p.currency ${PAYMENT_FROM} where p.tenant_id = $1 and p.id = $2`, [tenantId, paymentId]);
    const left = Number(refundable);
    if (left <= 0) throw notRefundable('Nothing is left to refund on this payment.');
    const amount = body.amount ?? left;
    if (amount > left) {
      throw new ProblemException('refund-exceeds-refundable', 422, 'Unprocessable request', `At most ${left} (minor units) is left to refund on this payment.`, undefined, { refundable: left });
    }
    const { approvalThreshold } = await readRefundSettings(manager, tenantId);
    const status = approvalThreshold !== null && amount > approvalThreshold ? 'pending_approval' : 'pending';
    const id = retried?.id ?? newId();
    await manager.query(
      `insert into billing_refund_requests (id, tenant_id, payment_id, operation_id, amount, currency, reason, note, status, requested_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (tenant_id, operation_id) do update
          set amount = excluded.amount, reason = excluded.reason, note = excluded.note, status = excluded.status, failure_reason = null, updated_at = now()`,
      [id, tenantId, paymentId, operationId, amount, currency, body.reason, body.note ?? null, status, userId],
    );
    if (status === 'pending_approval') {
      await this.audit.record({
        action: 'refund.requested',
        entityType: 'billing_payment',
        entityId: paymentId,
        after: { requestId: id, amount, currency, reason: body.reason, note: body.note ?? null, approvalThreshold },
      });
    }
    return this.held(manager, id);
  }

  async held(manager: EntityManager, id: string): Promise<HeldRefund> {
    const [row] = await manager.query(
      `select rr.*, p.stripe_id as payment_stripe_id, p.charge as payment_charge from billing_refund_requests rr
         join billing_payments p on p.tenant_id = rr.tenant_id and p.id = rr.payment_id
        where rr.tenant_id = $1 and rr.id = $2`,
      [this.operation.principal().tenantId, id],
    );
    if (!row) throw Problems.notFound('Refund request');
    return row as HeldRefund;
  }

  /**
   * Sends a held (pending) request to Stripe under its operation's Idempotency-Key (a retry or a second
   * approver makes no second refund), then records Stripe's answer.
   */
  async send(held: HeldRefund): Promise<PaymentRefundDto> {
    const { tenantId, userId } = this.operation.principal();
    const stripe = await this.operation.stripe();
    let refund: StripeObject;
    try {
      const chargeOnly = held.payment_charge !== null && held.payment_charge === held.payment_stripe_id;
      refund = await stripe.createRefund(held.operation_id, {
        paymentIntent: chargeOnly ? null : held.payment_stripe_id,
        charge: chargeOnly ? held.payment_charge : null,
        amount: Number(held.amount),
        reason: held.reason as RefundReason,
        metadata: { note_by: held.requested_by ?? userId, refund_request_id: held.id },
      });
    } catch (error) {
      const detail = error instanceof ProblemException ? (error.detail ?? error.title) : 'Stripe could not be reached.';
      await this.operation.tx(async () => {
        // db.query answers the returned rows (a manager's UPDATE answers [rows, count]).
        const failed = await this.db.query(
          `update billing_refund_requests set status = 'failed', failure_reason = $3, updated_at = now() where tenant_id = $1 and id = $2 and status = 'pending' returning id`,
          [tenantId, held.id, detail.slice(0, 500)],
        );
        if (failed.length) await this.audit.record({ action: 'refund.failed', entityType: 'billing_payment', entityId: held.payment_id, after: { requestId: held.id, amount: Number(held.amount), reason: held.reason, failure: detail } });
      });
      throw error;
    }
    return this.operation.tx((manager) => this.recordSent(manager, stripe, held, refund));
  }

  /** Mirrors Stripe's refund and its charge (the payment's refunded amount), marks the request sent, audits it once. */
  private async recordSent(manager: EntityManager, stripe: TenantStripe, held: HeldRefund, refund: StripeObject): Promise<PaymentRefundDto> {
    const { tenantId } = this.operation.principal();
    // As the refund's own webhook would: its outgoing refund.issued is published once, by whichever comes first.
    // Marked first: mirroring the refund settles a request still waiting (see upsertRefund), which would leave
    // this one nothing to mark and so nothing to audit.
    const marked = await this.db.query(
      `update billing_refund_requests set status = 'sent', stripe_refund_id = $3, failure_reason = null, sent_at = now(), updated_at = now()
        where tenant_id = $1 and id = $2 and status <> 'sent' returning id`,
      [tenantId, held.id, refund.id],
    );
    const now = mirrorNow();
    const created = typeof refund.created === 'number' ? new Date(refund.created * 1000) : now;
    await publishRefundChange(this.webhooks, await upsertRefund(manager, tenantId, stripe.account, refund, created, 'created'), refund);
    const charge = field.object(refund.charge);
    if (charge && typeof charge.id === 'string') await upsertCharge(manager, tenantId, stripe.account, { ...charge, id: charge.id, object: 'charge' }, now, 'updated');
    if (marked.length) {
      await this.audit.record({
        action: 'refund.created',
        entityType: 'billing_payment',
        entityId: held.payment_id,
        after: { requestId: held.id, stripeId: refund.id, amount: field.integer(refund.amount), currency: field.currency(refund.currency), reason: held.reason, note: held.note, status: field.text(refund.status) },
      });
    }
    return this.refundOf(manager, { ...held, stripe_refund_id: refund.id });
  }

  /** The mirrored refund a sent request made. */
  async refundOf(manager: EntityManager, held: Row): Promise<PaymentRefundDto> {
    const [row] = await manager.query(`${REFUND_SELECT} where rf.tenant_id = $1 and rf.stripe_id = $2 order by rf.created_at limit 1`, [this.operation.principal().tenantId, held.stripe_refund_id]);
    if (!row) throw Problems.notFound('Refund');
    return toRefund(row);
  }
}
