import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { containsPattern, cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, type Page, type PageQueryDto, Problems } from '@app/core';
import { Db } from '@app/database';
import { priceColumns } from '../mirror/prices';
import { productColumns } from '../mirror/products';
import type { StripeObject } from '../gateway/stripe-event';
import { StripeGateway, type TenantStripe } from '../gateway/stripe-gateway';
import { BillingOperation } from './billing-operation';
import type { BillingPriceDto, BillingProductDto } from './dto/billing-product.dto';
import type { PriceCreateDto, PriceQueryDto, PriceUpdateDto, ProductCreateDto, ProductQueryDto, ProductUpdateDto } from './dto/catalog-input.dto';

type Row = Record<string, any> & { id: string; cursor_at: string };


/** Prices with our product id and the id of the price each one replaced. */
const PRICE_SELECT = `select pr.*, p.id as product_id, old.id as replaces_price_id from billing_prices pr
   left join billing_products p on p.tenant_id = pr.tenant_id and p.stripe_account = pr.stripe_account and p.stripe_id = pr.product
   left join billing_prices old on old.tenant_id = pr.tenant_id and old.stripe_account = pr.stripe_account and old.stripe_id = pr.replaces_price`;

export function toPrice(row: Row): BillingPriceDto {
  return {
    id: row.id,
    stripeId: row.stripe_id,
    active: row.active,
    currency: row.currency,
    unitAmount: row.unit_amount === null ? null : Number(row.unit_amount),
    type: row.type,
    interval: row.recurring_interval,
    intervalCount: row.recurring_interval_count,
    trialPeriodDays: row.trial_period_days,
    taxBehavior: row.tax_behavior,
    nickname: row.nickname ?? null,
    productId: row.product_id ?? null,
    replacesPriceId: row.replaces_price_id ?? null,
    createdAt: iso(row.created_at),
  };
}

function toProduct(p: Row, prices: Row[]): BillingProductDto {
  return {
    id: p.id,
    stripeId: p.stripe_id,
    name: p.name,
    description: p.description,
    active: p.active,
    features: p.features ?? [],
    prices: prices.filter((pr) => pr.product === p.stripe_id && pr.stripe_account === p.stripe_account).map(toPrice),
    deletedAt: isoOrNull(p.deleted_at),
    stripeUpdatedAt: iso(p.stripe_updated_at),
    createdAt: iso(p.created_at),
  };
}


/** The tenant's products and prices: read from the mirror, changed in Stripe first. */
@Injectable()
export class BillingCatalogService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async products(query: ProductQueryDto): Promise<Page<BillingProductDto>> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    const list = new NewestFirstQuery('p');
    list.where(`p.tenant_id = ${list.param(tenantId)}`);
    if (query.active !== undefined) list.where(`p.active = ${list.param(query.active === 'true')}`);
    if (query.search) list.where(`p.name ilike ${list.param(containsPattern(query.search))}`);
    const page = await list.page<Row>(
      `select p.id, p.stripe_account, p.stripe_id, p.name, p.description, p.active, p.features, p.deleted_at, p.stripe_updated_at, p.created_at,
              ${cursorTimestampSql('p.created_at')} as cursor_at from billing_products p`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    const prices = await this.pricesOf(this.db.manager(), tenantId, page.data);
    return { nextCursor: page.nextCursor, data: page.data.map((p) => toProduct(p, prices)) };
  }

  async product(id: string): Promise<BillingProductDto> {
    this.gateway.assertConfigured();
    return this.productIn(this.db.manager(), this.db.tenantId(), id);
  }

  async prices(query: PriceQueryDto): Promise<Page<BillingPriceDto>> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('pr');
    list.where(`pr.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.productId) list.where(`p.id = ${list.param(query.productId)}`);
    if (query.active !== undefined) list.where(`pr.active = ${list.param(query.active === 'true')}`);
    const page = await list.page<Row>(
      PRICE_SELECT.replace(' from billing_prices pr', `, ${cursorTimestampSql('pr.created_at')} as cursor_at from billing_prices pr`),
      query,
      (sql, params) => this.db.manager().query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toPrice) };
  }

  async createProduct(body: ProductCreateDto, clientKey?: string): Promise<BillingProductDto> {
    body.prices?.forEach((price) => assertPriceShape(price));
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId('products.create', clientKey);
    const product = await stripe.createProduct(op, { name: body.name, description: body.description, features: body.features });
    const prices: StripeObject[] = [];
    for (const [i, price] of (body.prices ?? []).entries()) prices.push(await stripe.createPrice(`${op}:${i}`, this.priceInput(product.id, price)));
    return this.operation.tx(async (manager) => {
      const { id, existed } = await this.operation.mirrorRow(manager, 'billing_products', stripe, product, 'created', productColumns(product, false));
      for (const price of prices) await this.operation.mirror(manager, 'billing_prices', stripe, price, 'created', priceColumns(price, false));
      if (!existed) await this.audit.record({ action: 'product.created', entityType: 'billing_product', entityId: id, after: { stripeId: product.id, prices: prices.map((p) => p.id) } });
      return this.productIn(manager, this.operation.principal().tenantId, id);
    });
  }

  async updateProduct(id: string, body: ProductUpdateDto, clientKey?: string): Promise<BillingProductDto> {
    const tenantId = this.operation.principal().tenantId;
    const { row, activePrices } = await this.operation.tx(async (manager) => {
      const [found] = await manager.query(`select * from billing_products where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
      if (!found) throw Problems.notFound('Product');
      const prices = await manager.query(`select stripe_id from billing_prices where tenant_id = $1 and stripe_account = $2 and product = $3 and active`, [tenantId, found.stripe_account, found.stripe_id]);
      return { row: found as Row, activePrices: prices.map((p: { stripe_id: string }) => p.stripe_id) as string[] };
    });
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId(`products.update:${id}`, clientKey);
    const archive = body.active === false && row.active;
    // Archiving a product archives its prices too, so none of them can be bought any more.
    const archived: StripeObject[] = [];
    if (archive) for (const priceId of activePrices) archived.push(await stripe.updatePrice(`${op}:${priceId}`, priceId, { active: false }));
    const product = await stripe.updateProduct(op, row.stripe_id, body);
    return this.operation.tx(async (manager) => {
      await this.operation.mirror(manager, 'billing_products', stripe, product, 'updated', productColumns(product, false));
      for (const price of archived) await this.operation.mirror(manager, 'billing_prices', stripe, price, 'updated', priceColumns(price, false));
      const action = archive ? 'product.archived' : 'product.updated';
      await this.audit.record({ action, entityType: 'billing_product', entityId: id, before: { active: row.active, name: row.name }, after: { active: product.active, name: product.name, archivedPrices: archived.map((p) => p.id) } });
      return this.productIn(manager, tenantId, id);
    });
  }

  async createPrice(productId: string, body: PriceCreateDto, clientKey?: string): Promise<BillingPriceDto> {
    assertPriceShape(body);
    const tenantId = this.operation.principal().tenantId;
    const product = await this.operation.tx(async (manager) => {
      const [found] = await manager.query(`select id, stripe_id, active from billing_products where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, productId]);
      if (!found) throw Problems.notFound('Product');
      if (!found.active) throw Problems.conflict('product-archived', 'The product is archived; restore it before adding prices.');
      return found as Row;
    });
    const stripe = await this.operation.stripe();
    const price = await stripe.createPrice(this.operation.operationId(`prices.create:${productId}`, clientKey), this.priceInput(product.stripe_id, body));
    return this.operation.tx(async (manager) => {
      const { id, existed } = await this.operation.mirrorRow(manager, 'billing_prices', stripe, price, 'created', priceColumns(price, false));
      if (!existed) await this.audit.record({ action: 'price.created', entityType: 'billing_price', entityId: id, after: { stripeId: price.id, productId } });
      return this.priceIn(manager, tenantId, id);
    });
  }

  async updatePrice(id: string, body: PriceUpdateDto, clientKey?: string): Promise<{ replaced: boolean; price: BillingPriceDto }> {
    const tenantId = this.operation.principal().tenantId;
    const old = await this.operation.tx(async (manager) => {
      const [found] = await manager.query(`select * from billing_prices where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
      if (!found) throw Problems.notFound('Price');
      return found as Row;
    });
    const changes = (body.unitAmount !== undefined && body.unitAmount !== Number(old.unit_amount))
      || (body.trialPeriodDays !== undefined && body.trialPeriodDays !== old.trial_period_days)
      || (body.taxBehavior !== undefined && body.taxBehavior !== old.tax_behavior);
    if (changes && !old.active) throw Problems.conflict('price-archived', 'The price is archived; an archived price cannot be replaced.');
    if (body.trialPeriodDays !== undefined && old.type !== 'recurring') throw Problems.validation([{ field: 'trialPeriodDays', message: 'trialPeriodDays is for recurring prices only' }]);
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId(`prices.update:${id}`, clientKey);
    if (!changes) {
      const price = await stripe.updatePrice(op, old.stripe_id, { active: body.active, nickname: body.nickname });
      return this.operation.tx(async (manager) => {
        await this.operation.mirror(manager, 'billing_prices', stripe, price, 'updated', priceColumns(price, false));
        const action = body.active === false && old.active ? 'price.archived' : 'price.updated';
        await this.audit.record({ action, entityType: 'billing_price', entityId: id, before: { active: old.active, nickname: old.nickname }, after: { active: price.active, nickname: price.nickname ?? null } });
        return { replaced: false, price: await this.priceIn(manager, tenantId, id) };
      });
    }
    // Stripe prices are immutable: a new price (same product, currency, interval) replaces the old one.
    const created = await stripe.createPrice(`${op}:create`, {
      product: old.product,
      currency: old.currency,
      unitAmount: body.unitAmount ?? Number(old.unit_amount),
      interval: old.type === 'recurring' ? old.recurring_interval : null,
      trialPeriodDays: body.trialPeriodDays ?? old.trial_period_days,
      taxBehavior: body.taxBehavior ?? old.tax_behavior,
      nickname: body.nickname ?? old.nickname,
      metadata: { replaces_price: old.stripe_id },
    });
    const archived = await stripe.updatePrice(`${op}:archive`, old.stripe_id, { active: false });
    return this.operation.tx(async (manager) => {
      const newId = await this.operation.mirror(manager, 'billing_prices', stripe, created, 'created', priceColumns(created, false));
      await manager.query(`update billing_prices set replaces_price = $3 where tenant_id = $1 and id = $2`, [tenantId, newId, old.stripe_id]);
      await this.operation.mirror(manager, 'billing_prices', stripe, archived, 'updated', priceColumns(archived, false));
      await this.audit.record({ action: 'price.replaced', entityType: 'billing_price', entityId: newId, before: { priceId: id }, after: { priceId: newId, stripeId: created.id } });
      await this.audit.record({ action: 'price.archived', entityType: 'billing_price', entityId: id, after: { replacedBy: newId } });
      return { replaced: true, price: await this.priceIn(manager, tenantId, newId) };
    });
  }

  private priceInput(product: string, price: PriceCreateDto): Parameters<TenantStripe['createPrice']>[1] {
    return {
      product,
      currency: price.currency.toUpperCase(),
      unitAmount: price.unitAmount,
      interval: price.type === 'recurring' ? price.interval! : null,
      trialPeriodDays: price.trialPeriodDays ?? null,
      taxBehavior: price.taxBehavior ?? null,
      nickname: price.nickname ?? null,
    };
  }

  private async pricesOf(manager: EntityManager, tenantId: string, products: Row[]): Promise<Row[]> {
    if (!products.length) return [];
    return manager.query(
      `${PRICE_SELECT}
        where pr.tenant_id = $1 and (pr.stripe_account, pr.product) in (select * from unnest($2::text[], $3::text[]))
        order by pr.created_at, pr.id`,
      [tenantId, products.map((p) => p.stripe_account), products.map((p) => p.stripe_id)],
    );
  }

  private async productIn(manager: EntityManager, tenantId: string, id: string): Promise<BillingProductDto> {
    const [row] = await manager.query(`select * from billing_products where tenant_id = $1 and id = $2`, [tenantId, id]);
    if (!row) throw Problems.notFound('Product');
    return toProduct(row, await this.pricesOf(manager, tenantId, [row]));
  }

  private async priceIn(manager: EntityManager, tenantId: string, id: string): Promise<BillingPriceDto> {
    const [row] = await manager.query(`${PRICE_SELECT} where pr.tenant_id = $1 and pr.id = $2`, [tenantId, id]);
    if (!row) throw Problems.notFound('Price');
    return toPrice(row);
  }
}

/** Rules across fields: interval iff recurring, trial days for recurring prices only. */
function assertPriceShape(price: PriceCreateDto): void {
  if (price.type === 'one_time' && price.interval !== undefined) throw Problems.validation([{ field: 'interval', message: 'interval is for recurring prices only' }]);
  if (price.type === 'one_time' && price.trialPeriodDays !== undefined) throw Problems.validation([{ field: 'trialPeriodDays', message: 'trialPeriodDays is for recurring prices only' }]);
}
