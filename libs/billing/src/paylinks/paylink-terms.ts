import type { EntityManager } from 'typeorm';
import { type FieldError, Problems } from '@app/core';
import type { PaylinkCreateDto, PaylinkUpdateDto } from './dto/paylink-input.dto';
import type { PaylinkRow } from './paylink-rows';

/** What a link asks the buyer to pay; a change of any of these is a new version. */
export interface PaylinkTerms {
  amountMode: 'fixed' | 'customer_chooses';
  amount: number | null;
  minAmount: number | null;
  maxAmount: number | null;
  currency: string;
  priceId: string | null;
}

const pick = <T>(given: T | undefined, held: T): T => (given === undefined ? held : given);

export function termsOfRow(row: PaylinkRow): PaylinkTerms {
  const n = (v: string | null) => (v === null ? null : Number(v));
  return { amountMode: row.amount_mode, amount: n(row.amount), minAmount: n(row.min_amount), maxAmount: n(row.max_amount), currency: row.currency, priceId: row.price_id };
}

export function termsChanged(a: PaylinkTerms, b: PaylinkTerms): boolean {
  return a.amountMode !== b.amountMode || a.amount !== b.amount || a.minAmount !== b.minAmount || a.maxAmount !== b.maxAmount || a.currency !== b.currency;
}

/**
 * The terms a create or an edit asks for, checked: a linked price gives amount and currency (an active
 * one-time price of the business); a fixed link has an amount; a customer_chooses link has none, and
 * its bounds in order. `held`: the link's terms before an edit.
 */
export async function resolveTerms(manager: EntityManager, tenantId: string, body: PaylinkCreateDto | PaylinkUpdateDto, held: PaylinkTerms | null): Promise<PaylinkTerms> {
  const errors: FieldError[] = [];
  const priceId = body.priceId === undefined ? (held?.priceId ?? null) : body.priceId;
  if (priceId) {
    const pricing = body.priceId !== undefined || body.amount !== undefined || body.currency !== undefined || body.amountMode !== undefined;
    for (const field of ['amount', 'currency', 'minAmount', 'maxAmount'] as const) {
      if (body[field] !== undefined && body[field] !== null) errors.push({ field, message: `${field} comes from the linked price` });
    }
    if (body.amountMode === 'customer_chooses') errors.push({ field: 'amountMode', message: 'a linked price is a fixed amount' });
    if (errors.length) throw Problems.validation(errors);
    if (!pricing && held) return held;
    const [price] = await manager.query(
      `select active, type, unit_amount, currency from billing_prices where tenant_id = $1 and id = $2 and deleted_at is null`,
      [tenantId, priceId],
    );
    if (!price) throw Problems.notFound('Price');
    if (!price.active || price.type !== 'one_time' || price.unit_amount === null) {
      throw Problems.unprocessable('paylink-price-unusable', 'A pay link can sell only an active one-time price with an amount.');
    }
    return { amountMode: 'fixed', amount: Number(price.unit_amount), minAmount: null, maxAmount: null, currency: String(price.currency).toUpperCase(), priceId };
  }
  const amountMode = pick(body.amountMode, held?.amountMode ?? 'fixed');
  const switched = held !== null && amountMode !== held.amountMode;
  const currency = (body.currency ?? held?.currency ?? '').toUpperCase();
  if (!currency) errors.push({ field: 'currency', message: 'currency is required' });
  let terms: PaylinkTerms;
  if (amountMode === 'fixed') {
    const amount = pick(body.amount, switched ? null : (held?.amount ?? null));
    if (amount === null) errors.push({ field: 'amount', message: 'amount is required for a fixed amount' });
    if (body.minAmount != null || body.maxAmount != null) errors.push({ field: 'minAmount', message: 'minAmount and maxAmount go only with customer_chooses' });
    terms = { amountMode, amount, minAmount: null, maxAmount: null, currency, priceId: null };
  } else {
    if (body.amount !== undefined) errors.push({ field: 'amount', message: 'the buyer chooses the amount: give minAmount / maxAmount instead' });
    const minAmount = pick(body.minAmount, switched ? null : (held?.minAmount ?? null));
    const maxAmount = pick(body.maxAmount, switched ? null : (held?.maxAmount ?? null));
    if (minAmount !== null && maxAmount !== null && minAmount > maxAmount) errors.push({ field: 'maxAmount', message: 'maxAmount must not be below minAmount' });
    terms = { amountMode, amount: null, minAmount, maxAmount, currency, priceId: null };
  }
  if (errors.length) throw Problems.validation(errors);
  return terms;
}
