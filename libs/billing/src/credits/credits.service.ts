import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Problems } from '@app/core';
import { BillingOperation } from '../catalog/billing-operation';
import type { StripeObject } from '../gateway/stripe-event';
import { customerColumns } from '../mirror/customers';
import type { BalanceAdjustmentDto, BalanceTransactionDto, BalanceTransactionListDto, BalanceTransactionQueryDto } from './credits.dto';

type Row = Record<string, any> & { id: string };

function toTransaction(t: StripeObject): BalanceTransactionDto {
  const invoice = t.invoice;
  return {
    stripeId: t.id,
    amount: Number(t.amount),
    currency: String(t.currency ?? '').toUpperCase(),
    type: String(t.type ?? 'adjustment'),
    description: typeof t.description === 'string' ? t.description : null,
    endingBalance: Number(t.ending_balance ?? 0),
    invoiceStripeId: typeof invoice === 'string' ? invoice : invoice && typeof invoice === 'object' ? String((invoice as StripeObject).id) : null,
    createdAt: new Date(Number(t.created) * 1000).toISOString(),
  };
}

/**
 * A customer's credit balance: its history read from Stripe (the ledger lives there), adjustments by staff
 * made in Stripe with a reason, mirrored (the customer's balance) and audited.
 */
@Injectable()
export class BillingCreditsService {
  constructor(
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async list(customerId: string, query: BalanceTransactionQueryDto): Promise<BalanceTransactionListDto> {
    const customer = await this.customer(customerId);
    const stripe = await this.operation.stripe();
    const page = await stripe.listBalanceTransactions(customer.stripe_id, customer.stripe_account || null, { limit: query.limit ?? 25, startingAfter: query.cursor ?? null });
    const data = page.data.map(toTransaction);
    return { data, nextCursor: page.hasMore && data.length ? data[data.length - 1].stripeId : null, balance: Number(customer.balance) };
  }

  async adjust(customerId: string, body: BalanceAdjustmentDto, clientKey?: string): Promise<BalanceTransactionDto> {
    const customer = await this.customer(customerId);
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId(`customers.balance:${customerId}`, clientKey);
    const amount = body.kind === 'credit' ? -body.amount : body.amount;
    const transaction = await stripe.createBalanceTransaction(op, customer.stripe_id, { amount, currency: body.currency.toLowerCase(), description: body.reason });
    const refreshed = await stripe.retrieveCustomer(customer.stripe_id);
    return this.operation.tx(async (manager) => {
      await this.operation.mirror(manager, 'billing_customers', stripe, refreshed, 'updated', customerColumns(refreshed, false));
      const [held] = await manager.query(`select 1 from audit_logs where tenant_id = $1 and entity_id = $2 and action = 'customer.balance_adjusted' and after->>'stripeId' = $3`, [this.operation.principal().tenantId, customerId, transaction.id]);
      // A retry (same Idempotency-Key: the same transaction in Stripe) is not audited twice.
      if (!held) {
        await this.audit.record({
          action: 'customer.balance_adjusted',
          entityType: 'billing_customer',
          entityId: customerId,
          before: { balance: Number(customer.balance) },
          after: { stripeId: transaction.id, kind: body.kind, amount: body.amount, currency: body.currency.toUpperCase(), reason: body.reason, balance: Number(transaction.ending_balance ?? 0) },
        });
      }
      return toTransaction(transaction);
    });
  }

  private customer(id: string): Promise<Row> {
    return this.operation.tx(async (manager) => {
      const [row] = await manager.query(`select id, stripe_id, stripe_account, balance from billing_customers where tenant_id = $1 and id = $2 and deleted_at is null`, [this.operation.principal().tenantId, id]);
      if (!row) throw Problems.notFound('Customer');
      return row as Row;
    });
  }
}
