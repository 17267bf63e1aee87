import { Injectable } from '@nestjs/common';
import { newId } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService, runSingleton } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';

/** How far before the last successful sync's start a reconciliation lists again (clock skew, objects created mid-run). */
export const SYNC_OVERLAP_MS = 10 * 60 * 1000;

/** The start of the listing window of a new reconciliation: the last successful sync's start, less the overlap (null: never synced). */
export const SINCE_LAST_SUCCESS = `(select max(s.started_at) - interval '${SYNC_OVERLAP_MS / 1000} seconds' from billing_sync_runs s where s.tenant_id = $2 and s.status = 'succeeded')`;

/** A running run without progress for this long is taken as abandoned (its job lost or out of attempts without a final failure). */
export const ABANDONED_AFTER_HOURS = 6;

/**
 * Fails tenant $1's running run that made no progress for ABANDONED_AFTER_HOURS, so it does not block
 * every later sync of the tenant (one running run per tenant).
 */
export const FAIL_ABANDONED_RUN = `update billing_sync_runs
    set status = 'failed', finished_at = now(), updated_at = now(),
        errors = errors || jsonb_build_array(jsonb_build_object('at', now(), 'message', 'Abandoned: no progress for ${ABANDONED_AFTER_HOURS} hours'))
  where tenant_id = $1 and status = 'running' and updated_at < now() - interval '${ABANDONED_AFTER_HOURS} hours'`;

/**
 * The daily reconciliation (02:00 UTC, a singleton): one run and one `billing.reconcile` job per tenant
 * with billing configured (a connected Stripe account, or mirrored objects on the platform account),
 * skipping tenants whose run is still going. Without STRIPE_SECRET_KEY it does nothing.
 */
@Injectable()
export class BillingSyncScheduler {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async fanOut(): Promise<number> {
    if (!this.gateway.configured) return 0;
    let started = 0;
    await runSingleton(this.db, JobName.BillingReconcileDaily, async () => {
      await this.db.crossTenant();
      const manager = this.db.manager();
      const tenants: Array<{ id: string }> = await manager.query(
        `select t.id from tenants t
          where t.status = 'active'
            and (exists (select 1 from stripe_accounts a where a.tenant_id = t.id)
                 or exists (select 1 from billing_customers c where c.tenant_id = t.id)
                 or exists (select 1 from billing_products p where p.tenant_id = t.id))
          order by t.id`,
      );
      for (const tenant of tenants) {
        await manager.query(FAIL_ABANDONED_RUN, [tenant.id]);
        const [run] = await manager.query(
          `insert into billing_sync_runs (id, tenant_id, kind, trigger, since) values ($1, $2, 'reconcile', 'schedule', ${SINCE_LAST_SUCCESS})
           on conflict (tenant_id) where status = 'running' do nothing returning id`,
          [newId(), tenant.id],
        );
        if (!run) continue;
        await this.outbox.enqueueAfterCommit(JobName.BillingReconcile, { tenantId: tenant.id, runId: run.id });
        started += 1;
      }
    });
    return started;
  }
}
