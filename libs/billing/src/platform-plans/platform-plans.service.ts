import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { currentContext, cursorTimestampSql, newId, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import type { StripeObject } from '../gateway/stripe-event';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { PlatformPlanDto } from './dto/platform-plan.dto';
import type { PlatformPlanCreateDto, PlatformPlanPriceCreateDto, PlatformPlanQueryDto, PlatformPlanUpdateDto } from './dto/platform-plan-input.dto';
import { type PlanRow, withPrices } from './platform-plan-rows';

const priceSlot = (price: { interval: string; currency: string }) => `${price.interval}:${price.currency.toUpperCase()}`;

/**
 * Platform staff's plans for tenants: Stripe products and prices on the platform account, mirrored in
 * platform_plans / platform_plan_prices. Like the tenant catalog, no database connection is held while
 * Stripe answers: a short transaction reads, Stripe is called, a short transaction writes and audits.
 */
@Injectable()
export class PlatformPlansService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
  ) {}

  async list(query: PlatformPlanQueryDto): Promise<Page<PlatformPlanDto>> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('p');
    if (query.active !== undefined) list.where(`p.active = ${list.param(query.active === 'true')}`);
    const page = await list.page<PlanRow & { cursor_at: string }>(
      `select p.*, ${cursorTimestampSql('p.created_at')} as cursor_at from platform_plans p`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: await withPrices(this.db.manager(), page.data) };
  }

  async get(id: string): Promise<PlatformPlanDto> {
    this.gateway.assertConfigured();
    return this.planIn(this.db.manager(), id);
  }

  async create(body: PlatformPlanCreateDto, clientKey?: string): Promise<PlatformPlanDto> {
    const slots = (body.prices ?? []).map(priceSlot);
    if (new Set(slots).size !== slots.length) throw Problems.validation([{ field: 'prices', message: 'at most one price per interval and currency' }]);
    const stripe = this.gateway.forPlatform();
    const op = this.operationId('plans.create', clientKey);
    const product = await stripe.createProduct(op, { name: body.name, description: body.description, features: body.features, planKey: body.planKey });
    const prices: Array<[StripeObject, PlatformPlanPriceCreateDto]> = [];
    for (const [i, price] of (body.prices ?? []).entries()) {
      prices.push([await stripe.createPrice(`${op}:${i}`, { product: product.id, currency: price.currency, unitAmount: price.unitAmount, interval: price.interval }), price]);
    }
    return this.tx(async (manager) => {
      const [inserted] = await manager.query(
        `insert into platform_plans (id, stripe_product_id, plan_key, name, description, features) values ($1, $2, $3, $4, $5, $6::jsonb)
         on conflict (stripe_product_id) do nothing returning id`,
        [newId(), product.id, body.planKey, body.name, body.description ?? null, JSON.stringify(body.features ?? [])],
      );
      // A retry with the same Idempotency-Key got the same Stripe objects back: answer the plan made the first time.
      const [plan] = inserted ? [inserted] : await manager.query(`select id from platform_plans where stripe_product_id = $1`, [product.id]);
      if (!inserted) return this.planIn(manager, plan.id);
      for (const [stripePrice, price] of prices) await this.insertPrice(manager, plan.id, stripePrice, price, null);
      await this.audit.record({
        action: 'platform_plan.created', entityType: 'platform_plan', entityId: plan.id, tenantId: null,
        after: { planKey: body.planKey, name: body.name, stripeId: product.id, prices: prices.map(([p]) => p.id) },
      });
      return this.planIn(manager, plan.id);
    });
  }

  async update(id: string, body: PlatformPlanUpdateDto, clientKey?: string): Promise<PlatformPlanDto> {
    const { row, activePrices } = await this.tx(async (manager) => {
      const [found] = await manager.query(`select * from platform_plans where id = $1`, [id]);
      if (!found) throw Problems.notFound('Plan');
      const prices = await manager.query(`select id, stripe_price_id from platform_plan_prices where plan_id = $1 and active`, [id]);
      return { row: found as PlanRow, activePrices: prices as Array<{ id: string; stripe_price_id: string }> };
    });
    const stripe = this.gateway.forPlatform();
    const op = this.operationId(`plans.update:${id}`, clientKey);
    const archive = body.active === false && row.active;
    // Archiving a plan archives its prices too, so none can be bought; subscriptions already running go on.
    if (archive) for (const price of activePrices) await stripe.archivePrice(`${op}:${price.stripe_price_id}`, price.stripe_price_id);
    const product = await stripe.updateProduct(op, row.stripe_product_id, body);
    return this.tx(async (manager) => {
      await manager.query(
        `update platform_plans set name = $2, description = $3, features = $4::jsonb, active = $5, updated_at = now() where id = $1`,
        [id, product.name, (product.description as string | null) ?? null, JSON.stringify(body.features ?? row.features ?? []), product.active !== false],
      );
      if (archive) await manager.query(`update platform_plan_prices set active = false, updated_at = now() where id = any($1)`, [activePrices.map((p) => p.id)]);
      await this.audit.record({
        action: archive ? 'platform_plan.archived' : 'platform_plan.updated', entityType: 'platform_plan', entityId: id, tenantId: null,
        before: { name: row.name, description: row.description, features: row.features, active: row.active },
        after: { name: product.name, description: product.description ?? null, features: body.features ?? row.features, active: product.active !== false, archivedPrices: archive ? activePrices.map((p) => p.id) : [] },
      });
      return this.planIn(manager, id);
    });
  }

  /** A new price for an interval and currency; the active one it replaces is archived (Stripe prices are immutable). */
  async addPrice(id: string, body: PlatformPlanPriceCreateDto, clientKey?: string): Promise<PlatformPlanDto> {
    const currency = body.currency.toUpperCase();
    const { plan, old } = await this.tx(async (manager) => {
      const [found] = await manager.query(`select id, stripe_product_id, active from platform_plans where id = $1`, [id]);
      if (!found) throw Problems.notFound('Plan');
      if (!found.active) throw Problems.conflict('plan-archived', 'The plan is archived; restore it before adding prices.');
      const [current] = await manager.query(`select id, stripe_price_id from platform_plan_prices where plan_id = $1 and active and interval = $2 and currency = $3`, [id, body.interval, currency]);
      return { plan: found as PlanRow, old: (current as { id: string; stripe_price_id: string } | undefined) ?? null };
    });
    const stripe = this.gateway.forPlatform();
    const op = this.operationId(`plans.prices:${id}`, clientKey);
    const created = await stripe.createPrice(`${op}:create`, { product: plan.stripe_product_id, currency, unitAmount: body.unitAmount, interval: body.interval, replaces: old?.stripe_price_id });
    if (old) await stripe.archivePrice(`${op}:archive`, old.stripe_price_id);
    return this.tx(async (manager) => {
      const priceId = await this.insertPrice(manager, id, created, body, old?.id ?? null);
      if (priceId) {
        if (old) await manager.query(`update platform_plan_prices set active = false, updated_at = now() where id = $1`, [old.id]);
        await this.audit.record({
          action: old ? 'platform_plan.price_replaced' : 'platform_plan.price_added', entityType: 'platform_plan', entityId: id, tenantId: null,
          before: old ? { priceId: old.id, stripeId: old.stripe_price_id } : undefined,
          after: { priceId, stripeId: created.id, interval: body.interval, currency, unitAmount: body.unitAmount },
        });
      }
      return this.planIn(manager, id);
    });
  }

  /** Inserts a mirrored price once (a retried request gets the same Stripe price back); its id, or null when it was there. */
  private async insertPrice(manager: EntityManager, planId: string, price: StripeObject, input: PlatformPlanPriceCreateDto, replaces: string | null): Promise<string | null> {
    const [row] = await manager.query(
      `insert into platform_plan_prices (id, plan_id, stripe_price_id, interval, currency, unit_amount, replaces_price_id) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (stripe_price_id) do nothing returning id`,
      [newId(), planId, price.id, input.interval, input.currency.toUpperCase(), input.unitAmount, replaces],
    );
    return (row?.id as string | undefined) ?? null;
  }

  private async planIn(manager: EntityManager, id: string): Promise<PlatformPlanDto> {
    const [row] = await manager.query(`select * from platform_plans where id = $1`, [id]);
    if (!row) throw Problems.notFound('Plan');
    return (await withPrices(manager, [row]))[0];
  }

  /** Staff's writes: the explicit cross-tenant path, bound to the acting user. */
  private tx<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.gateway.assertConfigured();
    return this.db.transaction({ userId: currentContext()?.principal?.userId ?? null }, async (manager) => {
      await this.db.crossTenant();
      return work(manager);
    });
  }

  /** Stripe's Idempotency-Key: the client's Idempotency-Key scoped to the staff user and route, else the request id. */
  private operationId(route: string, clientKey: string | undefined): string {
    const context = currentContext();
    if (clientKey) return createHash('sha256').update(`platform\n${context?.principal?.userId ?? ''}\n${route}\n${clientKey}`).digest('hex').slice(0, 40);
    return context?.requestId ?? newId();
  }
}
