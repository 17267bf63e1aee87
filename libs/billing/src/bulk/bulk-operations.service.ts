import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, currentContext, newId, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { assertUsable, couponRow } from '../coupons/coupon-rows';
import { StripeGateway } from '../gateway/stripe-gateway';
import { type BulkActor, type ItemRow, OPERATION_COLUMNS, type OperationRow, toDetail, toOperation } from './bulk-operation-rows';
import type { BulkOperationDetailDto, BulkOperationDto, BulkOperationQueryDto, BulkSubscriptionsDto } from './bulk-operations.dto';

/**
 * Staff's bulk actions on subscriptions, the request side: the operation and its items are written with the
 * job's outbox row and the audit row in the request's one transaction; the worker does the Stripe calls.
 */
@Injectable()
export class BulkOperationsService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async request(body: BulkSubscriptionsDto): Promise<BulkOperationDto> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    const refused = [
      ...(body.action !== 'apply_coupon' && body.couponId !== undefined ? [{ field: 'couponId', message: 'couponId is only for apply_coupon' }] : []),
      ...(body.action !== 'extend' && body.days !== undefined ? [{ field: 'days', message: 'days is only for extend' }] : []),
    ];
    if (refused.length) throw Problems.validation(refused);
    const manager = this.db.manager();
    // The coupon is checked once here (404 / 422 before anything is queued); each item checks it again as it applies it.
    if (body.couponId) assertUsable(await couponRow(manager, tenantId, body.couponId));
    const actor = this.actor();
    const [row]: OperationRow[] = await manager.query(
      `insert into billing_bulk_operations as o (id, tenant_id, action, coupon_id, days, reason, total, actor, requested_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${OPERATION_COLUMNS}`,
      [newId(), tenantId, body.action, body.couponId ?? null, body.days ?? null, body.reason ?? null, body.subscriptionIds.length, JSON.stringify(actor), actor.userId],
    );
    await manager.query(
      `insert into billing_bulk_operation_items (tenant_id, operation_id, position, subscription_id)
       select $1, $2, ordinality::int, id from unnest($3::uuid[]) with ordinality as ids (id, ordinality)`,
      [tenantId, row.id, body.subscriptionIds],
    );
    await this.outbox.enqueueAfterCommit(JobName.BillingBulkOperation, { tenantId, operationId: row.id });
    await this.audit.record({
      action: 'subscriptions.bulk_requested',
      entityType: 'billing_bulk_operation',
      entityId: row.id,
      after: { action: body.action, subscriptionIds: body.subscriptionIds, couponId: body.couponId ?? null, days: body.days ?? null, reason: body.reason ?? null },
    });
    return toOperation(row);
  }

  async get(id: string): Promise<BulkOperationDetailDto> {
    const tenantId = this.db.tenantId();
    const manager = this.db.manager();
    const [row]: OperationRow[] = await manager.query(`select ${OPERATION_COLUMNS} from billing_bulk_operations o where o.tenant_id = $1 and o.id = $2`, [tenantId, id]);
    if (!row) throw Problems.notFound('Bulk operation');
    const items: ItemRow[] = await manager.query(
      `select subscription_id, status, error_type, error_title, error_detail, finished_at from billing_bulk_operation_items where tenant_id = $1 and operation_id = $2 order by position`,
      [tenantId, id],
    );
    return toDetail(row, items);
  }

  async list(query: BulkOperationQueryDto): Promise<Page<BulkOperationDto>> {
    const list = new NewestFirstQuery('o');
    list.where(`o.tenant_id = ${list.param(this.db.tenantId())}`);
    const page = await list.page<OperationRow & { cursor_at: string }>(
      `select ${OPERATION_COLUMNS}, ${cursorTimestampSql('o.created_at')} as cursor_at from billing_bulk_operations o`,
      query,
      (sql, params) => this.db.manager().query(sql, params),
    );
    return { data: page.data.map(toOperation), nextCursor: page.nextCursor };
  }

  private actor(): BulkActor {
    const context = currentContext();
    const principal = context?.principal;
    if (!principal) throw Problems.unauthorized();
    return {
      userId: principal.userId,
      email: principal.email,
      apiKeyId: principal.apiKeyId ?? null,
      impersonatorId: principal.impersonatorId,
      requestId: context.requestId,
      ip: context.ip,
      userAgent: context.userAgent,
    };
  }
}
