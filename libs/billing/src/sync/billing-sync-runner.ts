import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '@app/core';
import { Db } from '@app/database';
import { EmailService } from '@app/email';
import { JobName, OutboxService } from '@app/queue';
import { IntegrationStateService } from '@app/tenants';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import { StripeGateway, type TenantStripe } from '../gateway/stripe-gateway';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { RECORD_EVENT } from '../inbox/stripe-webhook-inbox.service';
import { idOf, mirrorNow, type MirrorSource } from '../mirror/mirror-upsert';
import { releaseStaleRefundRequests } from '../mirror/refunds';
import { driftedColumns, MIRRORED_KINDS, type MirroredKind } from './mirrored-kinds';

/** Objects per Stripe list call and per mirror transaction. */
export const SYNC_PAGE_SIZE = 100;
/** Without a previous successful sync, events are backfilled from this far back (Stripe keeps 30 days). */
const EVENTS_LOOKBACK_MS = 30 * 24 * 3600 * 1000;

/** Progress of one kind in a run: where its list is (last Stripe id done), whether it is done, and counts. */
export interface KindProgress {
  cursor: string | null;
  done: boolean;
  checked: number;
  imported: number;
  driftFound: number;
  driftFixed: number;
  markedDeleted: number;
}

interface RunRow {
  id: string;
  tenant_id: string;
  kind: 'reconcile' | 'import';
  status: string;
  since: Date | null;
  started_at: Date;
  progress: Record<string, KindProgress>;
}

const emptyProgress = (): KindProgress => ({ cursor: null, done: false, checked: 0, imported: 0, driftFound: 0, driftFixed: 0, markedDeleted: 0 });

/** An error as a run records it: the message only (Stripe's messages name objects, never keys), bounded. */
function errorMessage(error: unknown): string {
  const message = (error as Error)?.message || String(error);
  return message.replace(/(sk|rk|whsec)_[A-Za-z0-9_]+/g, '$1_…').slice(0, 500);
}

/**
 * Runs one sync run (reconciliation or initial import) of one tenant's Stripe account. For each
 * registered kind it pages through Stripe's list (reconciliation: only objects created since the last
 * successful sync, where Stripe filters by created; import and a first sync: everything), each page
 * read outside any transaction and applied in its own short transaction bound to the tenant, which
 * also saves the kind's cursor: a killed worker's retry resumes after the last page done. Objects
 * missing in the mirror are inserted and drifted ones rewritten through the kinds' own upserts (order
 * rules included); after a complete listing, mirror rows Stripe no longer has are marked deleted.
 * Reconciliation then backfills events never delivered into the inbox, so the processor applies them.
 */
@Injectable()
export class BillingSyncRunner {
  private readonly logger = new Logger('BillingSync');

  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
    private readonly email: EmailService,
    private readonly integrations: IntegrationStateService,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** `final`: the job's last attempt; an error then fails the run and alerts staff, else it is retried. */
  async run(tenantId: string, runId: string, final: boolean): Promise<void> {
    const run = await this.db.transaction({ tenantId }, async (manager) => {
      const [row]: RunRow[] = await manager.query(`select id, tenant_id, kind, status, since, started_at, progress from billing_sync_runs where id = $1`, [runId]);
      return row;
    });
    if (!run || run.status !== 'running') return;
    try {
      const stripe = await this.db.transaction({ tenantId }, () => this.gateway.forTenant(tenantId));
      for (const kind of MIRRORED_KINDS) await this.syncKind(run, stripe, kind);
      if (run.kind === 'reconcile') await this.backfillEvents(run, stripe);
      // After the refunds were listed (each one of ours settles its request): what still waits was never made.
      await this.db.transaction({ tenantId }, (manager) => releaseStaleRefundRequests(manager, tenantId));
      await this.db.transaction({ tenantId }, (manager) =>
        manager.query(`update billing_sync_runs set status = 'succeeded', finished_at = now(), updated_at = now() where id = $1 and status = 'running'`, [runId]),
      );
      await this.integrations.recordSync('stripe');
    } catch (error) {
      const message = errorMessage(error);
      this.logger.warn(`sync run ${runId} of tenant ${tenantId}${final ? ' failed' : ', will retry'}: ${message}`);
      await this.db.transaction({ tenantId }, async (manager) => {
        await manager.query(
          `update billing_sync_runs set errors = errors || jsonb_build_array(jsonb_build_object('at', now(), 'message', $2::text)),
                  status = case when $3 then 'failed' else status end, finished_at = case when $3 then now() else finished_at end, updated_at = now()
            where id = $1 and status = 'running'`,
          [runId, message, final],
        );
      });
      if (final) await this.alertStaff(run, message);
      throw error;
    }
  }

  private async syncKind(run: RunRow, stripe: TenantStripe, kind: MirroredKind): Promise<void> {
    const progress = { ...emptyProgress(), ...(run.progress[kind.name] ?? {}) };
    if (progress.done) return;
    const since = run.kind === 'reconcile' && kind.createdFilter ? run.since : null;
    // Ids seen, to find what Stripe no longer has: only when this process listed the kind from its start.
    const seen = !since && progress.cursor === null ? new Set<string>() : null;
    const listedFrom = new Date();
    let hasMore = true;
    while (hasMore) {
      // Whole seconds: a webhook of a change Stripe made in the second of this read still applies after it.
      const readAt = mirrorNow();
      const page = await stripe.listPage(kind.resource, { limit: SYNC_PAGE_SIZE, startingAfter: progress.cursor, createdGte: since, params: kind.listParams });
      hasMore = page.hasMore && page.data.length > 0;
      // On the platform account, only the tenant's own objects: never another tenant's, never the platform's
      // plan subscription of this tenant. Objects Stripe made without our metadata are the tenant's when it
      // holds their customer, payment intent or charge (as the inbox routes their events).
      const candidates = page.data.filter(
        (o) => (kind.includes?.(o) ?? true) && (!stripe.onPlatformAccount || (o.metadata?.platform_plan !== 'true' && (o.metadata?.tenant_id ?? run.tenant_id) === run.tenant_id)),
      );
      const source: MirrorSource = { tenantId: run.tenant_id, account: stripe.account, livemode: false, at: readAt, kind: 'updated' };
      progress.cursor = page.data.at(-1)?.id ?? progress.cursor;
      progress.done = !hasMore && !seen;
      await this.db.transaction({ tenantId: run.tenant_id }, async (manager) => {
        const objects = stripe.onPlatformAccount ? await this.ownObjects(manager, run.tenant_id, candidates) : candidates;
        for (const o of objects) seen?.add(o.id);
        const repaired = await this.applyPage(manager, kind, source, objects, progress);
        if (kind.entitlements) await this.entitlements.afterSyncRepairs(repaired, stripe.account);
        if (kind.name === 'customers') await this.linkMembers(manager, run.tenant_id, stripe.account, objects.map((o) => o.id));
        await this.saveProgress(manager, run, kind.name, progress);
      });
    }
    if (seen) {
      await this.db.transaction({ tenantId: run.tenant_id }, async (manager) => {
        const marked = await this.markMissing(manager, kind, run.tenant_id, stripe.account, seen, listedFrom);
        progress.markedDeleted += marked.length;
        if (kind.entitlements) await this.entitlements.afterSyncRepairs(marked, stripe.account);
        progress.done = true;
        await this.saveProgress(manager, run, kind.name, progress);
      });
    }
  }

  /**
   * On the platform account: the objects tagged with this tenant, and those without a tenant tag whose
   * customer, payment intent or charge this tenant's mirror holds (row-level security shows it only its own).
   */
  private async ownObjects(manager: EntityManager, tenantId: string, objects: StripeObject[]): Promise<StripeObject[]> {
    const untagged = objects.filter((o) => o.metadata?.tenant_id === undefined);
    if (!untagged.length) return objects;
    const ids = (field: string) => [...new Set(untagged.map((o) => idOf(o[field])).filter((id): id is string => id !== null))];
    const customers = new Set<string>(
      (await manager.query(`select stripe_id from billing_customers where tenant_id = $1 and stripe_account = '' and stripe_id = any($2)`, [tenantId, ids('customer')])).map((r: { stripe_id: string }) => r.stripe_id),
    );
    const payments: Array<{ stripe_id: string; charge: string | null }> = await manager.query(
      `select stripe_id, charge from billing_payments where tenant_id = $1 and stripe_account = '' and (stripe_id = any($2) or charge = any($3))`,
      [tenantId, ids('payment_intent'), ids('charge')],
    );
    const intents = new Set(payments.map((p) => p.stripe_id));
    const charges = new Set(payments.map((p) => p.charge).filter((c): c is string => c !== null));
    const owned = (o: StripeObject) =>
      customers.has(idOf(o.customer) ?? '') || intents.has(idOf(o.payment_intent) ?? '') || charges.has(idOf(o.charge) ?? '');
    return objects.filter((o) => o.metadata?.tenant_id !== undefined || owned(o));
  }

  /** Compares one page with the mirror and repairs it: missing rows inserted, drifted ones rewritten; answers the objects written. */
  private async applyPage(manager: EntityManager, kind: MirroredKind, source: MirrorSource, objects: StripeObject[], progress: KindProgress): Promise<StripeObject[]> {
    const rows: Array<Record<string, unknown>> = objects.length
      ? await manager.query(`select * from ${kind.table} where tenant_id = $1 and stripe_account = $2 and stripe_id = any($3)`, [
          source.tenantId,
          source.account ?? '',
          objects.map((o) => o.id),
        ])
      : [];
    const byId = new Map(rows.map((r) => [r.stripe_id as string, r]));
    const written: StripeObject[] = [];
    for (const object of objects) {
      progress.checked += 1;
      const row = byId.get(object.id);
      if (row && driftedColumns(kind, object, row).length === 0) continue;
      const state = kind.ended?.(object) ? 'deleted' : row ? 'updated' : 'created';
      const applied = await kind.upsert(manager, { ...source, livemode: object.livemode === true, kind: state }, object);
      if (applied) written.push(object);
      if (!row) {
        if (applied) progress.imported += 1;
        continue;
      }
      progress.driftFound += 1;
      if (applied) progress.driftFixed += 1;
    }
    return written;
  }

  /** Links customers of this page to the tenant's member with the same email (one per member; never relinks). */
  private async linkMembers(manager: EntityManager, tenantId: string, account: string | null, stripeIds: string[]): Promise<void> {
    if (!stripeIds.length) return;
    await manager.query(
      // One live customer per member (a unique index holds it): the oldest unlinked one with the member's
      // email, and none when the member already has one.
      `update billing_customers c set membership_id = pick.membership_id, updated_at = now()
         from (select distinct on (m.id) c2.id as customer_id, m.id as membership_id
                 from billing_customers c2
                 join users u on lower(u.email) = lower(c2.email)
                 join memberships m on m.user_id = u.id and m.tenant_id = c2.tenant_id
                where c2.tenant_id = $1 and c2.stripe_account = $2 and c2.stripe_id = any($3) and c2.membership_id is null
                  and c2.deleted_at is null and c2.email is not null
                  and not exists (select 1 from billing_customers l where l.membership_id = m.id and l.deleted_at is null)
                order by m.id, c2.stripe_created_at nulls last, c2.id) pick
        where c.id = pick.customer_id`,
      [tenantId, account ?? '', stripeIds],
    );
  }

  /**
   * Mirror rows of a completely listed kind (those of its scope, when kinds share a table) that Stripe no
   * longer has (and had before the listing began): tombstones. Answers the rows marked (their columns by name).
   */
  private async markMissing(manager: EntityManager, kind: MirroredKind, tenantId: string, account: string | null, seen: Set<string>, listedFrom: Date): Promise<StripeObject[]> {
    const marked: Array<{ row: StripeObject }> = await manager.query(
      `with marked as (
         update ${kind.table} set deleted_at = $4, stripe_updated_at = $4, stripe_rank = 2, updated_at = now()
          where tenant_id = $1 and stripe_account = $2 and deleted_at is null and not (stripe_id = any($3))${kind.scope ? ` and ${kind.scope}` : ''}
            and created_at < $4 and (stripe_updated_at, stripe_rank) <= ($4::timestamptz, 2)
          returning *)
       select to_jsonb(marked) as row from marked`,
      [tenantId, account ?? '', [...seen], listedFrom.toISOString()],
    );
    return marked.map((m) => m.row);
  }

  private async saveProgress(manager: EntityManager, run: RunRow, kindName: string, progress: KindProgress): Promise<void> {
    run.progress = { ...run.progress, [kindName]: { ...progress } };
    const totals = Object.entries(run.progress).reduce(
      (sum, [name, p]) => (name === 'events' ? sum : { checked: sum.checked + p.checked, found: sum.found + p.driftFound + p.markedDeleted, fixed: sum.fixed + p.driftFixed + p.markedDeleted }),
      { checked: 0, found: 0, fixed: 0 },
    );
    await manager.query(
      `update billing_sync_runs set progress = $2::jsonb, objects_checked = $3, drift_found = $4, drift_fixed = $5, updated_at = now() where id = $1`,
      [run.id, JSON.stringify(run.progress), totals.checked, totals.found, totals.fixed],
    );
  }

  /** Events Stripe recorded since the last sync that our inbox does not have: stored with the webhook's statement and queued. */
  private async backfillEvents(run: RunRow, stripe: TenantStripe): Promise<void> {
    const progress = { ...emptyProgress(), ...(run.progress.events ?? {}) };
    if (progress.done) return;
    const since = run.since ?? new Date(new Date(run.started_at).getTime() - EVENTS_LOOKBACK_MS);
    let hasMore = true;
    while (hasMore) {
      const page = await stripe.listPage('events', { limit: SYNC_PAGE_SIZE, startingAfter: progress.cursor, createdGte: since });
      hasMore = page.hasMore && page.data.length > 0;
      // Platform plan events are stored too: the processor applies them to the tenant's plan, not to the mirror.
      const events = (page.data as unknown as StripeEvent[]).filter((e) => !stripe.onPlatformAccount || e.data?.object?.metadata?.tenant_id === run.tenant_id);
      progress.cursor = page.data.at(-1)?.id ?? progress.cursor;
      progress.done = !hasMore;
      await this.db.transaction({ tenantId: run.tenant_id }, async (manager) => {
        let stored = 0;
        for (const event of events) {
          progress.checked += 1;
          const [row] = await manager.query(RECORD_EVENT, [newId(), event.id, event.account ?? stripe.account, event.type, event.created, event.livemode === true, JSON.stringify(event)]);
          if (!row) continue;
          stored += 1;
          await this.outbox.enqueueAfterCommit(JobName.ProcessStripeEvent, { stripeEventId: row.id, eventTenantId: row.tenant_id });
        }
        progress.imported += stored;
        run.progress = { ...run.progress, events: { ...progress } };
        await manager.query(`update billing_sync_runs set progress = $2::jsonb, events_backfilled = events_backfilled + $3, updated_at = now() where id = $1`, [
          run.id,
          JSON.stringify(run.progress),
          stored,
        ]);
      });
    }
  }

  /** Emails platform staff (every user with a platform role) that a run failed, with ids and the error messages only. */
  private async alertStaff(run: RunRow, message: string): Promise<void> {
    await this.db
      .transaction({}, async (manager) => {
        await this.db.crossTenant();
        const [tenant] = await manager.query(`select name from tenants where id = $1`, [run.tenant_id]);
        const staff: Array<{ email: string; name: string }> = await manager.query(`select email, name from users where platform_role is not null order by email`);
        for (const user of staff) {
          await this.email.send(user.email, 'billing-sync-failed', {
            name: user.name,
            tenantName: tenant?.name ?? run.tenant_id,
            runKind: run.kind === 'import' ? 'initial import' : 'reconciliation',
            error: message,
            link: this.email.link(`/admin/billing/sync?tenantId=${run.tenant_id}`),
          });
        }
      })
      .catch((error: Error) => this.logger.warn(`sync run ${run.id}: could not alert staff: ${error.message}`));
  }
}
