import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import { BillingOperation } from '../catalog/billing-operation';
import { REQUEST_PEOPLE, REQUEST_PEOPLE_COLUMNS, type Row, toPerson } from './payment-rows';
import { PaymentRefundsService } from './payment-refunds.service';
import type { RefundRequestDto, RefundRequestListDto, RefundRequestQueryDto } from './refund-requests.dto';

const REQUEST_COLUMNS = `rr.*, ${REQUEST_PEOPLE_COLUMNS}`;
const REQUEST_FROM = `from billing_refund_requests rr ${REQUEST_PEOPLE}`;

const notPending = (status: string) => Problems.conflict('refund-request-not-pending', `This refund request is ${status}, not waiting for approval.`);

/**
 * Refund requests and their second pair of eyes: a refund above the tenant's threshold waits for another
 * staff member holding billing.refunds:write, who approves it (it is then sent to Stripe) or rejects it.
 */
@Injectable()
export class RefundRequestsService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly refunds: PaymentRefundsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: RefundRequestQueryDto): Promise<RefundRequestListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('rr');
    list.where(`rr.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status?.length) list.where(`rr.status = any(${list.param(query.status)}::text[])`);
    if (query.paymentId) list.where(`rr.payment_id = ${list.param(query.paymentId)}::uuid`);
    const page = await list.page<Row & { cursor_at: string }>(
      `select ${REQUEST_COLUMNS}, ${cursorTimestampSql('rr.created_at')} as cursor_at ${REQUEST_FROM}`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    const manager = this.db.manager();
    const data: RefundRequestDto[] = [];
    for (const row of page.data) data.push(await this.toRequest(manager, row));
    return { nextCursor: page.nextCursor, data };
  }

  /** Approves a request waiting for a second person and sends it to Stripe; approving one's own request is refused. */
  async approve(id: string): Promise<RefundRequestDto> {
    const { userId } = this.operation.principal();
    const held = await this.operation.tx(async (manager) => {
      const row = await this.locked(manager, id);
      // Approved by this user already and still being sent (their earlier try died): sent again under the same key.
      if (row.status === 'pending' && row.approved_by === userId) return this.refunds.held(manager, id);
      if (row.status !== 'pending_approval') throw notPending(row.status);
      if (row.requested_by === userId) throw new ProblemException('four-eyes-required', 403, 'Forbidden', 'A refund above the approval threshold must be approved by someone other than its requester.');
      await manager.query(`update billing_refund_requests set status = 'pending', approved_by = $3, decided_at = now(), updated_at = now() where tenant_id = $1 and id = $2`, [row.tenant_id, id, userId]);
      await this.audit.record({ action: 'refund.approved', entityType: 'billing_payment', entityId: row.payment_id, after: { requestId: id, amount: Number(row.amount), currency: row.currency, requestedBy: row.requested_by } });
      return this.refunds.held(manager, id);
    });
    await this.refunds.send(held);
    return this.view(id);
  }

  async reject(id: string, reason: string): Promise<RefundRequestDto> {
    const { userId } = this.operation.principal();
    return this.operation.tx(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.status !== 'pending_approval') throw notPending(row.status);
      await manager.query(
        `update billing_refund_requests set status = 'rejected', rejected_by = $3, rejection_reason = $4, decided_at = now(), updated_at = now() where tenant_id = $1 and id = $2`,
        [row.tenant_id, id, userId, reason],
      );
      await this.audit.record({ action: 'refund.rejected', entityType: 'billing_payment', entityId: row.payment_id, after: { requestId: id, amount: Number(row.amount), currency: row.currency, reason } });
      return this.request(manager, id);
    });
  }

  /** One request as the API shows it (its own short transaction). */
  view(id: string): Promise<RefundRequestDto> {
    return this.operation.tx((manager) => this.request(manager, id));
  }

  private async locked(manager: EntityManager, id: string): Promise<Row> {
    const [row] = await manager.query(`select * from billing_refund_requests where tenant_id = $1 and id = $2 for update`, [this.operation.principal().tenantId, id]);
    if (!row) throw Problems.notFound('Refund request');
    return row;
  }

  async request(manager: EntityManager, id: string): Promise<RefundRequestDto> {
    const [row] = await manager.query(`select ${REQUEST_COLUMNS} ${REQUEST_FROM} where rr.tenant_id = $1 and rr.id = $2`, [this.operation.principal().tenantId, id]);
    if (!row) throw Problems.notFound('Refund request');
    return this.toRequest(manager, row);
  }

  private async toRequest(manager: EntityManager, r: Row): Promise<RefundRequestDto> {
    return {
      id: r.id,
      paymentId: r.payment_id,
      amount: Number(r.amount),
      currency: r.currency,
      reason: r.reason,
      note: r.note ?? null,
      status: r.status,
      requestedBy: toPerson(r, 'requested'),
      approvedBy: toPerson(r, 'approved'),
      rejectedBy: toPerson(r, 'rejected'),
      rejectionReason: r.rejection_reason ?? null,
      failureReason: r.failure_reason ?? null,
      refund: r.stripe_refund_id ? await this.refunds.refundOf(manager, r) : null,
      decidedAt: isoOrNull(r.decided_at),
      createdAt: iso(r.created_at),
    };
  }
}
