import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import type { StripeListResource } from '../gateway/stripe-gateway';
import { customerColumns, upsertCustomer } from '../mirror/customers';
import type { MirrorSource, MirrorTable } from '../mirror/mirror-upsert';
import { priceColumns, upsertPrice } from '../mirror/prices';
import { productColumns, upsertProduct } from '../mirror/products';

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
  table: MirrorTable | string;
  /** Further filters of its Stripe list (subscriptions: `{ status: 'all' }`, or canceled ones are left out). */
  listParams?: Record<string, string>;
  /** Stripe's list takes created[gte] for this kind: reconciliation then lists only what is new. */
  createdFilter: boolean;
  /** The kind's own columns of an object as listed (not deleted). */
  columns(object: StripeObject): Record<string, unknown>;
  upsert(manager: EntityManager, source: MirrorSource, object: StripeObject): Promise<boolean>;
}

export const MIRRORED_KINDS: readonly MirroredKind[] = [
  { name: 'customers', resource: 'customers', table: 'billing_customers', createdFilter: true, columns: (o) => customerColumns(o, false), upsert: upsertCustomer },
  { name: 'products', resource: 'products', table: 'billing_products', createdFilter: true, columns: (o) => productColumns(o, false), upsert: upsertProduct },
  { name: 'prices', resource: 'prices', table: 'billing_prices', createdFilter: true, columns: (o) => priceColumns(o, false), upsert: upsertPrice },
];

/** A value as compared between Stripe's columns and a mirror row: text, with JSON objects' keys sorted. */
export function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
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
  if (row.deleted_at) drifted.push('deleted_at');
  return drifted;
}
