import type { EntityManager } from 'typeorm';
import { newId } from '@app/core';
import type { StripeObject } from '../gateway/stripe-event';
import { STATE_RANK, upsertMirror, type MirrorState, type MirrorTable, type StateKind } from './mirror-upsert';

/** What applying one Stripe object's state did to its mirror row. */
export interface MirrorChange<T> {
  /** The state was written (it was at least as new as the one held). */
  applied: boolean;
  /** The state was strictly newer than the one held (or the first one): a real change, not a replay. */
  newer: boolean;
  /** The row's tracked columns before this state (null: there was no row). */
  previous: T | null;
  /** The mirror row's id (null when the state was dropped and no row exists). */
  rowId: string | null;
}

/**
 * Writes a Stripe object's state through `upsertMirror`, serialized per object (a transaction-scoped
 * advisory lock, so two events of one object never both see "no row yet"), and reports the change with
 * the `tracked` columns held before (expressions over the row `m`, fixed by code).
 */
export async function applyMirrorState<T>(manager: EntityManager, table: MirrorTable, state: MirrorState, tracked: readonly string[]): Promise<MirrorChange<T>> {
  const key = [state.tenantId, state.account ?? '', state.stripeId];
  await manager.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${table}:${key.join(':')}`]);
  const select = `select m.id, m.stripe_updated_at, m.stripe_rank${tracked.map((c) => `, ${c}`).join('')} from ${table} m
                   where m.tenant_id = $1 and m.stripe_account = $2 and m.stripe_id = $3`;
  const [held] = await manager.query(select, key);
  const applied = await upsertMirror(manager, table, state);
  const heldAt = held ? new Date(held.stripe_updated_at).getTime() : null;
  const newer =
    applied && (heldAt === null || heldAt < state.at.getTime() || (heldAt === state.at.getTime() && Number(held.stripe_rank) < STATE_RANK[state.kind]));
  let rowId: string | null = held?.id ?? null;
  if (!rowId && applied) rowId = ((await manager.query(select, key))[0]?.id as string | undefined) ?? null;
  let previous: T | null = null;
  if (held) {
    const { id: _id, stripe_updated_at: _at, stripe_rank: _rank, ...rest } = held;
    previous = rest as T;
  }
  return { applied, newer, previous, rowId };
}

/** The common part of a mirror state: identity and time; `columns` are the table's own. */
export function mirrorState(tenantId: string, account: string | null, object: StripeObject, at: Date, kind: StateKind, columns: Record<string, unknown>): MirrorState {
  return {
    tenantId,
    account,
    stripeId: object.id,
    livemode: object.livemode === true,
    metadata: object.metadata ?? {},
    stripeCreatedAt: typeof object.created === 'number' ? new Date(object.created * 1000) : null,
    at,
    kind,
    columns,
  };
}

/**
 * Replaces a parent row's child rows (subscription items, invoice lines) with the ones of the state just
 * applied; `rows` carry the child table's own columns (snake_case, fixed by code).
 */
export async function replaceChildRows(
  manager: EntityManager,
  table: 'billing_subscription_items' | 'billing_invoice_lines',
  parentColumn: 'subscription_id' | 'invoice_id',
  tenantId: string,
  parentId: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  await manager.query(`delete from ${table} where ${parentColumn} = $1`, [parentId]);
  for (const [position, row] of rows.entries()) {
    const names = ['id', 'tenant_id', parentColumn, 'position', ...Object.keys(row)];
    const values = [newId(), tenantId, parentId, position, ...Object.values(row)];
    await manager.query(`insert into ${table} (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')}) on conflict do nothing`, values);
  }
}

/** Stripe fields as column values. */
export const field = {
  /** Unix seconds → ISO timestamp; absent → undefined (keeps the value held), null → null. */
  time(value: unknown): string | null | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'number' ? new Date(value * 1000).toISOString() : null;
  },
  currency(value: unknown): string | null {
    return typeof value === 'string' && value ? value.toUpperCase() : null;
  },
  text(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
  },
  integer(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
  },
  object(value: unknown): Record<string, unknown> | null {
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  },
  list(value: unknown): Array<Record<string, unknown>> | null {
    const list = field.object(value);
    return list && Array.isArray(list.data) ? (list.data as Array<Record<string, unknown>>) : null;
  },
};
