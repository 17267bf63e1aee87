import type { EntityManager } from 'typeorm';
import { newId } from '@app/core';
import type { StripeObject } from '../gateway/stripe-event';

/** Tie-breaker for states of the same second: a later kind of change wins. */
export const STATE_RANK = { created: 0, updated: 1, deleted: 2 } as const;

/**
 * Now, as a mirror state's time: whole seconds, like Stripe's event times. A state we read or were
 * answered (a sync's page, an action's answer) then never outranks a webhook of the same second that
 * Stripe sent after it (equal times: the later write applies), whatever the milliseconds.
 */
export function mirrorNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}
export type StateKind = keyof typeof STATE_RANK;

export type MirrorTable =
  | 'billing_customers'
  | 'billing_products'
  | 'billing_prices'
  | 'billing_subscriptions'
  | 'billing_invoices'
  | 'billing_payments'
  | 'billing_refunds'
  | 'billing_disputes'
  | 'billing_checkout_sessions'
  | 'billing_coupons'
  | 'billing_promotion_codes'
  | 'billing_subscription_discounts';

/** One Stripe object's state as a mirror row: its identity, how new it is, and its columns. */
export interface MirrorState {
  tenantId: string;
  /** The connected account the object lives in; null: the platform account. */
  account: string | null;
  stripeId: string;
  livemode: boolean;
  metadata: Record<string, string>;
  stripeCreatedAt: Date | null;
  /** When Stripe was in this state: the event's `created`, or the time reconciliation read the object. */
  at: Date;
  kind: StateKind;
  /** Table-specific columns (snake_case names, fixed by the caller's code, never by input). */
  columns: Record<string, unknown>;
}

/** Where and when a state of a Stripe object was seen: an event (its `created`), or a sync run reading the object. */
export interface MirrorSource {
  tenantId: string;
  account: string | null;
  livemode: boolean;
  at: Date;
  kind: StateKind;
}

/** The mirror state of `object` as seen from `source`, with the table's own columns. */
export function objectState(source: MirrorSource, object: StripeObject, columns: Record<string, unknown>): MirrorState {
  return {
    tenantId: source.tenantId,
    account: source.account,
    stripeId: object.id,
    livemode: typeof object.livemode === 'boolean' ? object.livemode : source.livemode,
    metadata: object.metadata ?? {},
    stripeCreatedAt: typeof object.created === 'number' ? new Date(object.created * 1000) : null,
    at: source.at,
    kind: source.kind,
    columns,
  };
}

/** A Stripe field that is an id or an expanded object. */
export const idOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;

const COLUMN = /^[a-z_][a-z0-9_]*$/;

const BASE_COLUMNS = ['id', 'tenant_id', 'stripe_account', 'stripe_id', 'livemode', 'metadata', 'stripe_created_at', 'stripe_updated_at', 'stripe_rank', 'deleted_at'];
const FIXED_COLUMNS = new Set(['id', 'tenant_id', 'stripe_account', 'stripe_id', 'stripe_created_at']);

/**
 * The upsert's text for one table and set of columns: built once (a mapper gives the same few sets every
 * time; past UPSERT_TEXTS_KEPT sets, new ones are built each time instead of kept).
 */
const UPSERT_TEXTS_KEPT = 500;
const upsertTexts = new Map<string, string>();
function upsertSql(table: MirrorTable, names: string[]): string {
  const key = `${table}:${names.join(',')}`;
  let text = upsertTexts.get(key);
  if (text === undefined) {
    for (const name of names) if (!COLUMN.test(name)) throw new Error(`Not a column name: ${name}`);
    const all = [...BASE_COLUMNS, ...names];
    const set = all.filter((name) => !FIXED_COLUMNS.has(name)).map((name) => `${name} = excluded.${name}`);
    text = `insert into ${table} as m (${all.join(', ')}) values (${all.map((_, i) => `$${i + 1}`).join(', ')})
     on conflict (tenant_id, stripe_account, stripe_id) do update
        set ${set.join(', ')}, stripe_created_at = coalesce(m.stripe_created_at, excluded.stripe_created_at), updated_at = now()
      where (m.stripe_updated_at, m.stripe_rank) <= (excluded.stripe_updated_at, excluded.stripe_rank)
     returning m.id`;
    if (upsertTexts.size < UPSERT_TEXTS_KEPT) upsertTexts.set(key, text);
  }
  return text;
}

/**
 * The one way the mirror is written (webhook handlers, reconciliation, import): inserts the object or
 * updates it only when the incoming state is at least as new as the one held ((at, rank) compared), so
 * a late older event never overwrites newer state and a replay of the same event changes nothing. A
 * deletion keeps the row as a tombstone (deleted_at), which older events cannot bring back.
 * Returns whether the state was applied.
 */
export async function upsertMirror(manager: EntityManager, table: MirrorTable, state: MirrorState): Promise<boolean> {
  // A deletion's payload may be partial (Stripe sends `deleted: true` and little else): what it does not
  // carry keeps the value held (or the column default when the tombstone is the first state we see).
  const names: string[] = [];
  const given: unknown[] = [];
  for (const name in state.columns) {
    const value = state.columns[name];
    if (value === undefined || (state.kind === 'deleted' && value === null)) continue;
    names.push(name);
    given.push(value);
  }
  const values = [
    newId(),
    state.tenantId,
    state.account ?? '',
    state.stripeId,
    state.livemode,
    JSON.stringify(state.metadata ?? {}),
    state.stripeCreatedAt?.toISOString() ?? null,
    state.at.toISOString(),
    STATE_RANK[state.kind],
    state.kind === 'deleted' ? state.at.toISOString() : null,
    ...given,
  ];
  const rows = await manager.query(upsertSql(table, names), values);
  return rows.length > 0;
}
