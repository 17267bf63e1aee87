import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, isoOrNull, NewestFirstQuery, type Page, type PageQueryDto, ProblemException } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { BillingCustomerDto } from './dto/billing-customer.dto';
import type { BillingPriceDto, BillingProductDto } from './dto/billing-product.dto';
import type { PriceCreateDto, PriceQueryDto, PriceUpdateDto, ProductCreateDto, ProductUpdateDto } from './dto/catalog-input.dto';

const todo = () => new ProblemException('not-implemented', 501, 'Not implemented', 'Not implemented yet.');

type Row = Record<string, any> & { id: string; cursor_at: string };

const iso = (value: Date | string) => new Date(value).toISOString();

function toPrice(row: Row): BillingPriceDto {
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

/** The tenant's mirrored customers and products (read-only in this slice). */
@Injectable()
export class BillingCatalogService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
  ) {}

  async customers(query: PageQueryDto): Promise<Page<BillingCustomerDto>> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('c');
    list.where(`c.tenant_id = ${list.param(this.db.tenantId())}`);
    const page = await list.page<Row>(
      `select c.id, c.stripe_id, c.email, c.name, c.currency, c.balance, c.delinquent, c.deleted_at, c.stripe_updated_at, c.created_at,
              ${cursorTimestampSql('c.created_at')} as cursor_at from billing_customers c`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return {
      nextCursor: page.nextCursor,
      data: page.data.map((r) => ({
        id: r.id,
        stripeId: r.stripe_id,
        email: r.email,
        name: r.name,
        currency: r.currency,
        balance: Number(r.balance),
        delinquent: r.delinquent,
        deletedAt: isoOrNull(r.deleted_at),
        stripeUpdatedAt: iso(r.stripe_updated_at),
        createdAt: iso(r.created_at),
      })),
    };
  }

  async products(query: PageQueryDto): Promise<Page<BillingProductDto>> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    const list = new NewestFirstQuery('p');
    list.where(`p.tenant_id = ${list.param(tenantId)}`);
    const page = await list.page<Row>(
      `select p.id, p.stripe_account, p.stripe_id, p.name, p.description, p.active, p.features, p.deleted_at, p.stripe_updated_at, p.created_at,
              ${cursorTimestampSql('p.created_at')} as cursor_at from billing_products p`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    const prices: Row[] = page.data.length
      ? await this.db.manager().query(
          `select pr.* from billing_prices pr
            where pr.tenant_id = $1 and (pr.stripe_account, pr.product) in (select * from unnest($2::text[], $3::text[]))
            order by pr.created_at, pr.id`,
          [tenantId, page.data.map((p) => p.stripe_account), page.data.map((p) => p.stripe_id)],
        )
      : [];
    return {
      nextCursor: page.nextCursor,
      data: page.data.map((p) => ({
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
      })),
    };
  }

  async product(_id: string): Promise<BillingProductDto> { throw todo(); }
  async createProduct(_body: ProductCreateDto, _key?: string): Promise<BillingProductDto> { throw todo(); }
  async updateProduct(_id: string, _body: ProductUpdateDto, _key?: string): Promise<BillingProductDto> { throw todo(); }
  async createPrice(_id: string, _body: PriceCreateDto, _key?: string): Promise<BillingPriceDto> { throw todo(); }
  async prices(_query: PriceQueryDto): Promise<Page<BillingPriceDto>> { throw todo(); }
  async updatePrice(_id: string, _body: PriceUpdateDto, _key?: string): Promise<{ replaced: boolean; price: BillingPriceDto }> { throw todo(); }
}
