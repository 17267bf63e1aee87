import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, type FieldError, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { BillingOperation } from '../catalog/billing-operation';
import { StripeGateway, type CouponCreateParams } from '../gateway/stripe-gateway';
import { couponColumns } from '../mirror/coupons';
import { promotionCodeColumns } from '../mirror/promotion-codes';
import { COUNTED_STATUSES_SQL, mirroredMrrSql, SUB_MRR } from '../subscriptions/subscription-mrr';
import { assertSellingAccount, auditedBefore, couponRow, PROMOTION_CODE_SELECT, type Row, toCoupon, toPromotionCode } from './coupon-rows';
import type { CouponCreateDto, CouponDetailDto, CouponListDto, CouponQueryDto, CouponRevenueAffectedDto } from './coupons.dto';

/**
 * Revenue a coupon affects now ($1 tenant, $2 account, $3 coupon): per currency, the counted subscriptions
 * that list one of its discounts, not ended, and their MRR before and after discounts.
 */
const REVENUE_AFFECTED = `select s.currency, count(*)::int as subscriptions, sum(${mirroredMrrSql('now()', `'[]'::jsonb`)})::bigint as gross, sum(${SUB_MRR})::bigint as net
    from billing_subscriptions s
   where s.tenant_id = $1 and s.status in (${COUNTED_STATUSES_SQL}) and s.currency is not null
     and exists (select 1 from billing_subscription_discounts d where d.tenant_id = $1 and d.stripe_account = $2 and d.coupon = $3
                   and s.discount_ids @> to_jsonb(d.stripe_id) and (d.end_at is null or d.end_at > now()))
   group by s.currency order by s.currency`;

/** The checks class-validator cannot express: which fields go together. */
function combinationErrors(body: CouponCreateDto): FieldError[] {
  const errors: FieldError[] = [];
  if ((body.percentOff === undefined) === (body.amountOff === undefined)) errors.push({ field: 'percentOff', message: 'give exactly one of percentOff and amountOff' });
  if (body.amountOff !== undefined && !body.currency) errors.push({ field: 'currency', message: 'currency is required with amountOff' });
  if (body.amountOff === undefined && body.currency) errors.push({ field: 'currency', message: 'currency goes only with amountOff' });
  if (body.duration === 'repeating' && body.durationInMonths === undefined) errors.push({ field: 'durationInMonths', message: 'durationInMonths is required when duration is repeating' });
  if (body.duration !== 'repeating' && body.durationInMonths !== undefined) errors.push({ field: 'durationInMonths', message: 'durationInMonths goes only with duration repeating' });
  if (body.redeemBy && new Date(body.redeemBy).getTime() <= Date.now()) errors.push({ field: 'redeemBy', message: 'redeemBy must be in the future' });
  return errors;
}

/**
 * The business's coupons, as mirrored from Stripe. Stripe fixes a coupon's terms once created, so staff
 * create and deactivate them: an unredeemed one is deleted in Stripe, a redeemed one is kept there (its
 * redemptions stay on invoices), its codes turned off and the coupon marked deactivated here.
 */
@Injectable()
export class BillingCouponsService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async list(query: CouponQueryDto): Promise<CouponListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('c');
    list.where(`c.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.valid !== undefined) list.where(`c.valid = ${list.param(query.valid)}`);
    const page = await list.page<Row & { cursor_at: string }>(
      `select c.*, ${cursorTimestampSql('c.created_at')} as cursor_at from billing_coupons c`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toCoupon) };
  }

  async get(id: string): Promise<CouponDetailDto> {
    this.gateway.assertConfigured();
    return this.detail(id);
  }

  async create(body: CouponCreateDto, clientKey?: string): Promise<CouponDetailDto> {
    const errors = combinationErrors(body);
    if (errors.length) throw Problems.validation(errors);
    const tenantId = this.operation.principal().tenantId;
    const { stripe, products } = await this.operation.tx(async (manager) => {
      const tenantStripe = await this.gateway.forTenant(tenantId);
      const ids = [...new Set(body.productIds ?? [])];
      const rows: Array<{ stripe_id: string }> = ids.length
        ? await manager.query(`select stripe_id from billing_products where tenant_id = $1 and id = any($2::uuid[]) and stripe_account = $3 and deleted_at is null`, [tenantId, ids, tenantStripe.account ?? ''])
        : [];
      if (rows.length !== ids.length) throw Problems.notFound('Product');
      return { stripe: tenantStripe, products: rows.map((r) => r.stripe_id) };
    });
    const params: CouponCreateParams = {
      name: body.name,
      duration: body.duration,
      ...(body.percentOff !== undefined ? { percent_off: body.percentOff } : { amount_off: body.amountOff, currency: body.currency!.toLowerCase() }),
      ...(body.durationInMonths !== undefined ? { duration_in_months: body.durationInMonths } : {}),
      ...(body.maxRedemptions !== undefined ? { max_redemptions: body.maxRedemptions } : {}),
      ...(body.redeemBy ? { redeem_by: Math.floor(new Date(body.redeemBy).getTime() / 1000) } : {}),
      ...(products.length ? { applies_to: { products } } : {}),
    };
    const coupon = await stripe.createCoupon(this.operation.operationId('coupons.create', clientKey), params);
    const id = await this.operation.tx(async (manager) => {
      const rowId = await this.operation.mirror(manager, 'billing_coupons', stripe, coupon, 'created', couponColumns(coupon, false));
      if (!(await auditedBefore(manager, tenantId, rowId, 'coupon.created'))) {
        await this.audit.record({ action: 'coupon.created', entityType: 'billing_coupon', entityId: rowId, after: { stripeId: coupon.id, ...params } });
      }
      return rowId;
    });
    return this.operation.tx(() => this.detail(id));
  }

  async deactivate(id: string, clientKey?: string): Promise<CouponDetailDto> {
    const tenantId = this.operation.principal().tenantId;
    const { stripe, coupon, codes } = await this.operation.tx(async (manager) => {
      const row = await couponRow(manager, tenantId, id);
      if (row.deactivated_at || row.deleted_at) throw Problems.conflict('coupon-already-deactivated', 'This coupon is already deactivated.');
      const tenantStripe = await this.gateway.forTenant(tenantId);
      assertSellingAccount(tenantStripe, row, 'coupon');
      const active: Array<{ stripe_id: string }> = await manager.query(
        `select stripe_id from billing_promotion_codes where tenant_id = $1 and stripe_account = $2 and coupon = $3 and active order by created_at, id`,
        [tenantId, row.stripe_account, row.stripe_id],
      );
      return { stripe: tenantStripe, coupon: row, codes: active.map((c) => c.stripe_id) };
    });
    const op = this.operation.operationId(`coupons.deactivate:${id}`, clientKey);
    const redeemed = Number(coupon.times_redeemed) > 0;
    // Unredeemed: gone from Stripe. Redeemed: kept (its redemptions stay on invoices), its codes turned off.
    const deleted = redeemed ? null : await stripe.deleteCoupon(op, coupon.stripe_id);
    const turnedOff = redeemed ? await Promise.all(codes.map((code) => stripe.setPromotionCodeActive(`${op}:${code}`, code, false))) : [];
    await this.operation.tx(async (manager) => {
      if (deleted) await this.operation.mirror(manager, 'billing_coupons', stripe, { ...deleted, id: coupon.stripe_id }, 'deleted', couponColumns(deleted, true));
      for (const code of turnedOff) await this.operation.mirror(manager, 'billing_promotion_codes', stripe, code, 'updated', promotionCodeColumns(code));
      await manager.query(`update billing_coupons set deactivated_at = now(), updated_at = now() where tenant_id = $1 and id = $2 and deactivated_at is null`, [tenantId, id]);
      await this.audit.record({
        action: 'coupon.deactivated',
        entityType: 'billing_coupon',
        entityId: id,
        before: { valid: coupon.valid, timesRedeemed: Number(coupon.times_redeemed), activePromotionCodes: codes },
        after: { deletedInStripe: deleted !== null, promotionCodesDeactivated: turnedOff.map((c) => c.id) },
      });
    });
    return this.operation.tx(() => this.detail(id));
  }

  private async detail(id: string): Promise<CouponDetailDto> {
    const tenantId = this.db.tenantId();
    const row = await couponRow(this.db.manager(), tenantId, id);
    const codes = await this.db.query<Row>(
      `${PROMOTION_CODE_SELECT} where p.tenant_id = $1 and p.stripe_account = $2 and p.coupon = $3 and p.deleted_at is null order by p.created_at desc, p.id desc limit 100`,
      [tenantId, row.stripe_account, row.stripe_id],
    );
    const promotionCodes = codes.map(toPromotionCode);
    const affected = await this.db.query<{ currency: string; subscriptions: number; gross: string; net: string }>(REVENUE_AFFECTED, [tenantId, row.stripe_account, row.stripe_id]);
    const revenueAffected = affected.map((r): CouponRevenueAffectedDto => ({
      currency: r.currency, subscriptions: r.subscriptions, mrrBeforeDiscounts: Number(r.gross), mrr: Number(r.net), monthlyDiscount: Number(r.gross) - Number(r.net),
    }));
    return { ...toCoupon(row), promotionCodes, promotionCodeRedemptions: promotionCodes.reduce((sum, c) => sum + c.timesRedeemed, 0), revenueAffected };
  }
}
