import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import { type BillingDisputeDto, type BillingDisputeListDto, DISPUTE_OPEN_STATUSES, type DisputeQueryDto } from './disputes.dto';

type Row = Record<string, any> & { id: string };

/** The disputed payment is found by its payment intent, or by its charge (charges made without an intent). */
const SELECT = `select d.*, p.id as payment_id, c.id as customer_id, c.email as customer_email, c.name as customer_name
  from billing_disputes d
  left join lateral (
    select p.id, p.customer from billing_payments p
     where p.tenant_id = d.tenant_id and p.stripe_account = d.stripe_account
       and (p.stripe_id = d.payment_intent or (d.charge is not null and p.charge = d.charge))
     order by (p.stripe_id = d.payment_intent) desc limit 1
  ) p on true
  left join billing_customers c on c.tenant_id = d.tenant_id and c.stripe_account = d.stripe_account and c.stripe_id = p.customer`;

const OPEN = `d.status = any('{${DISPUTE_OPEN_STATUSES.join(',')}}'::text[])`;

/** The dispute's page in the Stripe Dashboard, in the connected account when there is one, test mode when it is a test object. */
function dashboardUrl(r: Row): string {
  return `https://dashboard.stripe.com/${r.stripe_account ? `${r.stripe_account}/` : ''}${r.livemode ? '' : 'test/'}disputes/${r.stripe_id}`;
}

function toDispute(r: Row): BillingDisputeDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    reason: r.reason,
    needsResponse: (DISPUTE_OPEN_STATUSES as readonly string[]).includes(r.status),
    evidenceDueBy: isoOrNull(r.evidence_due_by),
    closedAt: isoOrNull(r.closed_at),
    paymentId: r.payment_id ?? null,
    customerId: r.customer_id ?? null,
    customerEmail: r.customer_email ?? null,
    customerName: r.customer_name ?? null,
    dashboardUrl: dashboardUrl(r),
    stripeCreatedAt: isoOrNull(r.stripe_created_at),
    createdAt: iso(r.created_at),
  };
}

/** The business's disputes (chargebacks), as mirrored from Stripe; evidence is answered in Stripe's Dashboard. */
@Injectable()
export class BillingDisputesService {
  constructor(private readonly db: Db, private readonly gateway: StripeGateway) {}

  async list(query: DisputeQueryDto): Promise<BillingDisputeListDto> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    const list = new NewestFirstQuery('d');
    list.where(`d.tenant_id = ${list.param(tenantId)}`);
    if (query.status?.length) list.where(`d.status = any(${list.param(query.status)}::text[])`);
    if (query.needsResponse === true) list.where(OPEN);
    if (query.needsResponse === false) list.where(`not coalesce(${OPEN}, false)`);
    if (query.dueBefore) list.where(`d.evidence_due_by < ${list.param(query.dueBefore)}::timestamptz`);
    const page = await list.page<Row & { cursor_at: string }>(
      SELECT.replace('select d.*,', `select d.*, ${cursorTimestampSql('d.created_at')} as cursor_at,`),
      query,
      (sql, params) => this.db.query(sql, params),
    );
    const [open] = await this.db.query<{ count: number }>(`select count(*)::int as count from billing_disputes d where d.tenant_id = $1 and ${OPEN}`, [tenantId]);
    return { nextCursor: page.nextCursor, data: page.data.map(toDispute), needsResponse: open.count };
  }

  async get(id: string): Promise<BillingDisputeDto> {
    this.gateway.assertConfigured();
    const [row] = await this.db.query<Row>(`${SELECT} where d.tenant_id = $1 and d.id = $2`, [this.db.tenantId(), id]);
    if (!row) throw Problems.notFound('Dispute');
    return toDispute(row);
  }
}
