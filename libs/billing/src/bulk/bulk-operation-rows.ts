import { iso, isoOrNull } from '@app/core';
import type { BulkOperationDetailDto, BulkOperationDto, BulkOperationItemDto } from './bulk-operations.dto';

export type OperationRow = Record<string, any> & { id: string; cursor_at?: string };
export type ItemRow = Record<string, any> & { subscription_id: string };

/** Who asked for an operation: what each item's audit row names as its actor. */
export interface BulkActor {
  userId: string;
  email: string;
  apiKeyId: string | null;
  impersonatorId: string | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export const OPERATION_COLUMNS = `o.id, o.tenant_id, o.action, o.status, o.coupon_id, o.days, o.reason, o.total, o.processed, o.succeeded, o.failed,
                                  o.actor, o.requested_by, o.created_at, o.started_at, o.finished_at`;

export function toOperation(row: OperationRow): BulkOperationDto {
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    couponId: row.coupon_id,
    days: row.days,
    reason: row.reason,
    total: row.total,
    processed: row.processed,
    succeeded: row.succeeded,
    failed: row.failed,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

export function toItem(row: ItemRow): BulkOperationItemDto {
  return {
    subscriptionId: row.subscription_id,
    status: row.status,
    errorType: row.error_type,
    errorTitle: row.error_title,
    errorDetail: row.error_detail,
    finishedAt: isoOrNull(row.finished_at),
  };
}

export const toDetail = (row: OperationRow, items: ItemRow[]): BulkOperationDetailDto => ({ ...toOperation(row), items: items.map(toItem) });
