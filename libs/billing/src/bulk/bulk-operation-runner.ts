import { Injectable, Logger } from '@nestjs/common';
import { PROBLEM_BASE, ProblemException, requestContext, type RequestContext } from '@app/core';
import { Db } from '@app/database';
import { SubscriptionCouponService } from '../coupons/subscription-coupon.service';
import { SubscriptionActionsService } from '../subscriptions/subscription-actions.service';
import type { BulkActor, OperationRow } from './bulk-operation-rows';

/** An item still without its result; `planned`: what an earlier attempt fixed for its Stripe call (extend: the date). */
interface PendingItem {
  position: number;
  subscription_id: string;
  planned: { until?: string } | null;
}

/** One item's result as recorded. */
interface Outcome {
  ok: boolean;
  type?: string;
  title?: string;
  detail?: string;
}

/** A problem the subscription itself causes (not found, ended, refused by Stripe): the item's result; anything else is retried. */
function refusal(error: unknown): Outcome | null {
  if (!(error instanceof ProblemException) || error.getStatus() >= 500) return null;
  const fields = error.errors?.map((e) => e.message).join('; ');
  return { ok: false, type: PROBLEM_BASE + error.slug, title: error.title, detail: fields || error.detail };
}

/** The last attempt gives up on what is left: each such item failed, saying why. */
function givenUp(error: unknown): Outcome {
  const problem = error instanceof ProblemException ? error : null;
  return {
    ok: false,
    type: PROBLEM_BASE + (problem?.slug ?? 'bulk-item-failed'),
    title: problem?.title ?? 'Not done',
    detail: problem?.detail ?? 'The action could not be completed after several attempts; try it again on this subscription.',
  };
}

/**
 * Runs one bulk operation in the worker: each pending item in request order through the single-subscription
 * service (one Stripe call, mirrored and audited as when staff act on one subscription), acting as the person
 * who asked, with a Stripe Idempotency-Key derived from the operation and the subscription. Each result is
 * written in its own short transaction, so a retried job resumes at the first item without one, and an item
 * whose call was made but not recorded sends Stripe the same key again (Stripe answers the first result).
 */
@Injectable()
export class BulkOperationRunner {
  private readonly logger = new Logger('BulkOperations');

  constructor(
    private readonly db: Db,
    private readonly actions: SubscriptionActionsService,
    private readonly coupons: SubscriptionCouponService,
  ) {}

  /** `final`: the job's last attempt; an error then fails the items left instead of retrying. */
  async run(tenantId: string, operationId: string, final: boolean): Promise<void> {
    // db.query answers the returned rows (a manager's UPDATE answers [rows, count]).
    const operation = await this.db.transaction({ tenantId }, async () => {
      const [row] = await this.db.query<OperationRow>(
        `update billing_bulk_operations set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
          where tenant_id = $1 and id = $2 and status <> 'done' returning *`,
        [tenantId, operationId],
      );
      return row;
    });
    if (!operation) return;
    const pending: PendingItem[] = await this.db.transaction({ tenantId }, (manager) =>
      manager.query(`select position, subscription_id, planned from billing_bulk_operation_items where tenant_id = $1 and operation_id = $2 and status = 'pending' order by position`, [
        tenantId,
        operationId,
      ]),
    );
    const context = actingAs(tenantId, operation.actor as BulkActor);
    for (const [index, item] of pending.entries()) {
      let outcome: Outcome;
      try {
        await requestContext.run(context, () => this.perform(operation, item));
        outcome = { ok: true };
      } catch (error) {
        const refused = refusal(error);
        if (!refused && !final) {
          this.logger.warn(`bulk operation ${operationId}: item ${item.subscription_id} will be retried: ${(error as Error).message}`);
          throw error;
        }
        if (refused) outcome = refused;
        else {
          // The last attempt: this item and those after it are given up.
          for (const rest of pending.slice(index)) await this.record(tenantId, operationId, rest.position, givenUp(error));
          break;
        }
      }
      await this.record(tenantId, operationId, item.position, outcome);
    }
    await this.db.transaction({ tenantId }, (manager) =>
      manager.query(
        `update billing_bulk_operations o set status = 'done', finished_at = now(), updated_at = now()
          where o.tenant_id = $1 and o.id = $2 and o.status <> 'done'
            and not exists (select 1 from billing_bulk_operation_items i where i.tenant_id = o.tenant_id and i.operation_id = o.id and i.status = 'pending')`,
        [tenantId, operationId],
      ),
    );
  }

  /** The one Stripe call of one item; the operation id is the client key the single services scope per subscription and route. */
  private async perform(operation: OperationRow, item: PendingItem): Promise<void> {
    const subscriptionId = item.subscription_id;
    switch (operation.action) {
      case 'cancel_at_period_end':
        await this.actions.cancel(subscriptionId, { atPeriodEnd: true, ...(operation.reason ? { feedback: operation.reason } : {}) }, operation.id);
        return;
      case 'apply_coupon':
        await this.coupons.apply(subscriptionId, operation.coupon_id, operation.id);
        return;
      case 'extend':
        await this.actions.extendByDays(subscriptionId, operation.days, operation.id, {
          planned: item.planned?.until ?? null,
          keep: async (until) => {
            await this.db.query(`update billing_bulk_operation_items set planned = $4 where tenant_id = $1 and operation_id = $2 and position = $3`, [
              operation.tenant_id,
              operation.id,
              item.position,
              JSON.stringify({ until: until.toISOString() }),
            ]);
          },
        });
        return;
      default:
        throw new Error(`Unknown bulk action ${operation.action}`);
    }
  }

  /** One item's result and the operation's counts, once (a result already recorded stays). */
  private record(tenantId: string, operationId: string, position: number, outcome: Outcome): Promise<void> {
    return this.db.transaction({ tenantId }, async () => {
      const done = await this.db.query(
        `update billing_bulk_operation_items set status = $4, error_type = $5, error_title = $6, error_detail = $7, finished_at = now()
          where tenant_id = $1 and operation_id = $2 and position = $3 and status = 'pending' returning position`,
        [tenantId, operationId, position, outcome.ok ? 'ok' : 'error', outcome.type ?? null, outcome.title ?? null, outcome.detail ?? null],
      );
      if (!done.length) return;
      await this.db.query(
        `update billing_bulk_operations set processed = processed + 1, succeeded = succeeded + $3, failed = failed + $4, updated_at = now() where tenant_id = $1 and id = $2`,
        [tenantId, operationId, outcome.ok ? 1 : 0, outcome.ok ? 0 : 1],
      );
    });
  }
}

/** The context each item runs in: the person who asked, in the operation's tenant, with the request's id for the audit trail. */
function actingAs(tenantId: string, actor: BulkActor): RequestContext {
  return {
    requestId: actor.requestId,
    ip: actor.ip,
    userAgent: actor.userAgent,
    principal: {
      userId: actor.userId,
      email: actor.email,
      tenantId,
      sessionId: null,
      permissions: new Set(['billing:write']),
      platformRole: null,
      impersonatorId: actor.impersonatorId,
      apiKeyId: actor.apiKeyId,
    },
    tenantId: null,
    manager: null,
  };
}
