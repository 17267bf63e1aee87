import { iso } from '@app/core';
import type { EntityManager } from 'typeorm';
import { limitsOf } from '@app/limits';
import type { PlatformPlanDto, PlatformPlanPriceDto } from './dto/platform-plan.dto';

export type PlanRow = Record<string, any> & { id: string };


function toPrice(row: PlanRow): PlatformPlanPriceDto {
  return {
    id: row.id,
    stripeId: row.stripe_price_id,
    interval: row.interval,
    currency: row.currency,
    unitAmount: Number(row.unit_amount),
    active: row.active,
    replacesPriceId: row.replaces_price_id ?? null,
    createdAt: iso(row.created_at),
  };
}

export function toPlan(plan: PlanRow, prices: PlanRow[]): PlatformPlanDto {
  return {
    id: plan.id,
    stripeId: plan.stripe_product_id,
    planKey: plan.plan_key,
    name: plan.name,
    description: plan.description ?? null,
    features: plan.features ?? [],
    active: plan.active,
    limits: { ...limitsOf(plan.plan_key) },
    prices: prices.filter((p) => p.plan_id === plan.id).map(toPrice),
    createdAt: iso(plan.created_at),
    updatedAt: iso(plan.updated_at),
  };
}

/** The plans with their prices (active ones only when `activePricesOnly`), oldest price first. */
export async function withPrices(manager: EntityManager, plans: PlanRow[], activePricesOnly = false): Promise<PlatformPlanDto[]> {
  if (!plans.length) return [];
  const prices: PlanRow[] = await manager.query(
    `select * from platform_plan_prices where plan_id = any($1) ${activePricesOnly ? 'and active' : ''} order by created_at, id`,
    [plans.map((p) => p.id)],
  );
  return plans.map((p) => toPlan(p, prices));
}
