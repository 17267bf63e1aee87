import type { BillingSyncRun } from '../../api/billing-sync';

export const SYNC_KIND_LABELS: Record<BillingSyncRun['kind'], string> = { reconcile: 'Sync', import: 'Import' };
export const SYNC_TRIGGER_LABELS: Record<BillingSyncRun['trigger'], string> = { schedule: 'Nightly', manual: 'Started by hand' };

/** The order a run goes through the kinds (the import's order: what others refer to first); the events backfill last. */
const KIND_ORDER = ['customers', 'products', 'prices', 'subscriptions', 'invoices', 'payment_intents', 'charges', 'refunds', 'disputes'];
const rank = (kind: string) => (kind === 'events' ? Number.MAX_SAFE_INTEGER : KIND_ORDER.indexOf(kind) === -1 ? KIND_ORDER.length : KIND_ORDER.indexOf(kind));

/** A run's progress per kind, in the order the run goes through them. */
export function progressByKind(run: BillingSyncRun) {
  return Object.entries(run.progress).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Objects the mirror lacked and the run added (events stored by the backfill are counted apart). */
export const objectsAdded = (run: BillingSyncRun) => progressByKind(run).reduce((sum, [kind, p]) => (kind === 'events' ? sum : sum + p.imported), 0);
