import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import type { StripeListResource } from '../gateway/stripe-gateway';
import { couponColumns, upsertCoupon } from '../mirror/coupons';
import { customerColumns, upsertCustomer } from '../mirror/customers';
import { disputeColumns, upsertDispute } from '../mirror/disputes';
import { invoiceColumns, upsertInvoice } from '../mirror/invoices';
import type { MirrorChange } from '../mirror/mirror-change';
import { idOf, type MirrorSource, type MirrorTable, type StateKind } from '../mirror/mirror-upsert';
import { chargeColumns, paymentIntentColumns, upsertCharge, upsertPaymentIntent } from '../mirror/payments';
import { priceColumns, upsertPrice } from '../mirror/prices';
import { productColumns, upsertProduct } from '../mirror/products';
import { promotionCodeColumns, upsertPromotionCode } from '../mirror/promotion-codes';
import { refundColumns, upsertRefund } from '../mirror/refunds';
import { subscriptionColumns, upsertSubscription } from '../mirror/subscriptions';

/**
 * One kind of Stripe object the mirror holds, as reconciliation and the initial import see it: where
 * to list it (through TenantStripe), how to write it (the same upsert the webhook handlers use) and
 * which columns to compare (the kind's own column function). Adding a kind is one entry in
 * MIRRORED_KINDS (in the order the import should go: what others refer to first).
 */
export interface MirroredKind {
  /** Name in sync-run progress and the API (the Stripe list's name). */
  name: string;
  resource: StripeListResource;
  /** The mirror table (its rows have the columns of MIRROR_COLUMNS plus the kind's own). */
  table: MirrorTable;
  /** Further parameters of its Stripe list (subscriptions: `{ status: 'all' }`, or canceled ones are left out; `expand`). */
  listParams?: Record<string, string | string[]>;
  /**
   * Stripe's list takes created[gte] for this kind and reconciliation then lists only what is new (what
   * changed later comes back through the events backfill); false: every reconciliation lists them all.
   */
  createdFilter: boolean;
  /** Which listed objects are this kind's (default: all); the others belong to another kind's list. */
  includes?(object: StripeObject): boolean;
  /** Which rows of the table this kind's list covers (SQL over the row, fixed by code), when kinds share a table. */
  scope?: string;
  /** An object Stripe still lists that the mirror holds as a tombstone (a canceled subscription: it ended). */
  ended?(object: StripeObject): boolean;
  /** Its rows decide what members may access (subscriptions, payments, refunds): a repair recomputes their entitlements. */
  entitlements?: boolean;
  /** The kind's own columns of an object as listed (not deleted). */
  columns(object: StripeObject): Record<string, unknown>;
  upsert(manager: EntityManager, source: MirrorSource, object: StripeObject): Promise<boolean>;
}

type StateUpsert = (manager: EntityManager, tenantId: string, account: string | null, object: StripeObject, at: Date, kind: StateKind) => Promise<MirrorChange<unknown>>;

/** A webhook handler's upsert in the sync's shape: the same function, with the source spelled out; answers whether it applied. */
export function fromSource(upsert: StateUpsert): MirroredKind['upsert'] {
  return async (manager, source, object) => (await upsert(manager, source.tenantId, source.account, object, source.at, source.kind)).applied;
}

export const MIRRORED_KINDS: readonly MirroredKind[] = [
  { name: 'customers', resource: 'customers', table: 'billing_customers', createdFilter: true, columns: (o) => customerColumns(o, false), upsert: upsertCustomer },
  { name: 'products', resource: 'products', table: 'billing_products', createdFilter: true, columns: (o) => productColumns(o, false), upsert: upsertProduct },
  { name: 'prices', resource: 'prices', table: 'billing_prices', createdFilter: true, columns: (o) => priceColumns(o, false), upsert: upsertPrice },
  // Coupons and codes are all compared: their redemption counts and validity change long after creation.
  {
    name: 'coupons',
    resource: 'coupons',
    table: 'billing_coupons',
    listParams: { expand: ['data.applies_to'] },
    createdFilter: false,
    columns: (o) => couponColumns(o, false),
    upsert: upsertCoupon,
  },
  { name: 'promotion_codes', resource: 'promotionCodes', table: 'billing_promotion_codes', createdFilter: false, columns: promotionCodeColumns, upsert: upsertPromotionCode },
  // Every reconciliation compares all of them: a subscription's status changes long after it was created.
  {
    name: 'subscriptions',
    resource: 'subscriptions',
    table: 'billing_subscriptions',
    listParams: { status: 'all', expand: ['data.discounts'] },
    createdFilter: false,
    ended: (o) => o.status === 'canceled',
    entitlements: true,
    columns: subscriptionColumns,
    upsert: fromSource(upsertSubscription),
  },
  { name: 'invoices', resource: 'invoices', table: 'billing_invoices', createdFilter: true, columns: invoiceColumns, upsert: fromSource(upsertInvoice) },
  // Payments are payment intents (their latest charge expanded: card summary, refunded amount)…
  {
    name: 'payment_intents',
    resource: 'paymentIntents',
    table: 'billing_payments',
    listParams: { expand: ['data.latest_charge'] },
    createdFilter: true,
    scope: 'stripe_id is distinct from charge',
    entitlements: true,
    columns: paymentIntentColumns,
    upsert: fromSource(upsertPaymentIntent),
  },
  // …and charges made without one (their own row); an intent's charges come with the intent.
  {
    name: 'charges',
    resource: 'charges',
    table: 'billing_payments',
    createdFilter: true,
    includes: (o) => idOf(o.payment_intent) === null,
    scope: 'stripe_id = charge',
    entitlements: true,
    columns: chargeColumns,
    upsert: fromSource(upsertCharge),
  },
  { name: 'refunds', resource: 'refunds', table: 'billing_refunds', createdFilter: true, entitlements: true, columns: refundColumns, upsert: fromSource(upsertRefund) },
  { name: 'disputes', resource: 'disputes', table: 'billing_disputes', createdFilter: true, columns: disputeColumns, upsert: fromSource(upsertDispute) },
];

/** A value as compared between Stripe's columns and a mirror row: text, with JSON objects' keys sorted. */
export function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // PostgreSQL answers timestamptz as a Date; the columns hold ISO text (Stripe's whole seconds).
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return comparable(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value === 'object') return JSON.stringify(sortKeys(value));
  return String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

/** Columns whose mirror value differs from Stripe's (metadata included); empty: in sync. */
export function driftedColumns(kind: MirroredKind, object: StripeObject, row: Record<string, unknown>): string[] {
  const expected: Record<string, unknown> = { ...kind.columns(object), metadata: object.metadata ?? {} };
  const drifted = Object.entries(expected).filter(([name, value]) => value !== undefined && comparable(value) !== comparable(row[name])).map(([name]) => name);
  if (Boolean(row.deleted_at) !== (kind.ended?.(object) ?? false)) drifted.push('deleted_at');
  return drifted;
}
