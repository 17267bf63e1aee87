import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { BillingOperation } from '../catalog/billing-operation';
import { StripeGateway, type PromotionCodeCreateParams } from '../gateway/stripe-gateway';
import { promotionCodeColumns } from '../mirror/promotion-codes';
import { assertSellingAccount, assertUsable, auditedBefore, couponRow, PROMOTION_CODE_SELECT, type Row, toPromotionCode } from './coupon-rows';
import type { PromotionCodeCreateDto, PromotionCodeDto, PromotionCodeListDto, PromotionCodeQueryDto } from './coupons.dto';

const unix = (at: string) => Math.floor(new Date(at).getTime() / 1000);

/** Customer-facing codes of the business's coupons: created for a usable coupon, turned off and on again. */
@Injectable()
export class BillingPromotionCodesService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async list(query: PromotionCodeQueryDto): Promise<PromotionCodeListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('p');
    list.where(`p.tenant_id = ${list.param(this.db.tenantId())}`).where('p.deleted_at is null');
    if (query.active !== undefined) list.where(`p.active = ${list.param(query.active)}`);
    if (query.couponId) list.where(`c.id = ${list.param(query.couponId)}::uuid`);
    const page = await list.page<Row & { cursor_at: string }>(
      PROMOTION_CODE_SELECT.replace('select p.*,', `select p.*, ${cursorTimestampSql('p.created_at')} as cursor_at,`),
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toPromotionCode) };
  }

  async create(couponId: string, body: PromotionCodeCreateDto, clientKey?: string): Promise<PromotionCodeDto> {
    if ((body.minimumAmount === undefined) !== (body.currency === undefined)) {
      throw Problems.validation([{ field: 'minimumAmount', message: 'give minimumAmount and currency together' }]);
    }
    if (body.expiresAt && new Date(body.expiresAt).getTime() <= Date.now()) throw Problems.validation([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    const tenantId = this.operation.principal().tenantId;
    const { stripe, coupon } = await this.operation.tx(async (manager) => {
      const row = await couponRow(manager, tenantId, couponId);
      assertUsable(row);
      if (body.expiresAt && row.redeem_by && new Date(body.expiresAt) > new Date(row.redeem_by)) {
        throw Problems.unprocessable('promotion-code-outlives-coupon', 'expiresAt must not be after the coupon\'s redeemBy.');
      }
      if (body.maxRedemptions !== undefined && row.max_redemptions !== null && body.maxRedemptions > Number(row.max_redemptions)) {
        throw Problems.unprocessable('promotion-code-exceeds-coupon', 'maxRedemptions must not be more than the coupon\'s.');
      }
      const [taken] = await manager.query(`select 1 from billing_promotion_codes where tenant_id = $1 and upper(code) = $2 and deleted_at is null limit 1`, [tenantId, body.code]);
      if (taken) throw Problems.conflict('promotion-code-taken', `The code ${body.code} is already used in this business.`);
      const tenantStripe = await this.gateway.forTenant(tenantId);
      assertSellingAccount(tenantStripe, row, 'coupon');
      return { stripe: tenantStripe, coupon: row };
    });
    const restrictions = {
      ...(body.firstTimeTransaction !== undefined ? { first_time_transaction: body.firstTimeTransaction } : {}),
      ...(body.minimumAmount !== undefined ? { minimum_amount: body.minimumAmount, minimum_amount_currency: body.currency!.toLowerCase() } : {}),
    };
    const params: PromotionCodeCreateParams = {
      promotion: { type: 'coupon', coupon: coupon.stripe_id },
      code: body.code,
      ...(body.maxRedemptions !== undefined ? { max_redemptions: body.maxRedemptions } : {}),
      ...(body.expiresAt ? { expires_at: unix(body.expiresAt) } : {}),
      ...(Object.keys(restrictions).length ? { restrictions } : {}),
    };
    const code = await stripe.createPromotionCode(this.operation.operationId(`coupons.promotion-codes:${couponId}`, clientKey), params);
    const id = await this.operation.tx(async (manager) => {
      const rowId = await this.operation.mirror(manager, 'billing_promotion_codes', stripe, code, 'created', promotionCodeColumns(code));
      if (!(await auditedBefore(manager, tenantId, rowId, 'promotion_code.created'))) {
        await this.audit.record({ action: 'promotion_code.created', entityType: 'billing_promotion_code', entityId: rowId, after: { stripeId: code.id, couponId, ...params } });
      }
      return rowId;
    });
    return this.operation.tx(() => this.get(id));
  }

  /** Turns a code on or off in Stripe; a code of a coupon that is no longer usable stays off. */
  async setActive(id: string, active: boolean, clientKey?: string): Promise<PromotionCodeDto> {
    const tenantId = this.operation.principal().tenantId;
    const { stripe, held } = await this.operation.tx(async (manager) => {
      const [row] = await manager.query(`${PROMOTION_CODE_SELECT} where p.tenant_id = $1 and p.id = $2 and p.deleted_at is null`, [tenantId, id]);
      if (!row) throw Problems.notFound('Promotion code');
      if (row.active === active) throw Problems.conflict(active ? 'promotion-code-already-active' : 'promotion-code-already-inactive', `This code is already ${active ? 'active' : 'inactive'}.`);
      if (active) {
        if (!row.coupon_id) throw Problems.unprocessable('coupon-not-usable', 'The coupon of this code is not mirrored: sync first.');
        assertUsable(await couponRow(manager, tenantId, row.coupon_id));
      }
      const tenantStripe = await this.gateway.forTenant(tenantId);
      assertSellingAccount(tenantStripe, row, 'promotion code');
      return { stripe: tenantStripe, held: row as Row };
    });
    const route = active ? 'activate' : 'deactivate';
    const code = await stripe.setPromotionCodeActive(this.operation.operationId(`promotion-codes.${route}:${id}`, clientKey), held.stripe_id, active);
    await this.operation.tx(async (manager) => {
      await this.operation.mirror(manager, 'billing_promotion_codes', stripe, code, 'updated', promotionCodeColumns(code));
      await this.audit.record({ action: `promotion_code.${route}d`, entityType: 'billing_promotion_code', entityId: id, before: { active: held.active }, after: { active: code.active !== false } });
    });
    return this.operation.tx(() => this.get(id));
  }

  private async get(id: string): Promise<PromotionCodeDto> {
    const [row] = await this.db.query<Row>(`${PROMOTION_CODE_SELECT} where p.tenant_id = $1 and p.id = $2`, [this.db.tenantId(), id]);
    if (!row) throw Problems.notFound('Promotion code');
    return toPromotionCode(row);
  }
}
