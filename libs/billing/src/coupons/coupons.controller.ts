import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingCouponsService } from './coupons.service';
import { BillingPromotionCodesService } from './promotion-codes.service';
import { CouponCreateDto, CouponDetailDto, CouponListDto, CouponQueryDto, PromotionCodeCreateDto, PromotionCodeDto } from './coupons.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/coupons')
export class BillingCouponsController {
  constructor(
    private readonly coupons: BillingCouponsService,
    private readonly codes: BillingPromotionCodesService,
  ) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s coupons (newest first; filter valid), as mirrored from Stripe' })
  @ApiOkResponse({ type: CouponListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: CouponQueryDto): Promise<CouponListDto> {
    return this.coupons.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A coupon with its promotion codes and redemption counts' })
  @ApiOkResponse({ type: CouponDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CouponDetailDto> {
    return this.coupons.get(id);
  }

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a coupon in Stripe: percent or amount off, once / repeating / forever, optional limits, expiry and products' })
  @ApiCreatedResponse({ type: CouponDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Body() body: CouponCreateDto, @Headers('idempotency-key') key?: string): Promise<CouponDetailDto> {
    return this.coupons.create(body, key);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Deactivate a coupon: deleted in Stripe when nobody redeemed it, else kept there with its promotion codes turned off, and refused here from now on' })
  @ApiOkResponse({ type: CouponDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  deactivate(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<CouponDetailDto> {
    return this.coupons.deactivate(id, key);
  }

  @Post(':id/promotion-codes')
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a customer-facing promotion code for a usable coupon, with its own limits (redemptions, expiry, first-time customers, minimum amount)' })
  @ApiCreatedResponse({ type: PromotionCodeDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createPromotionCode(@Param('id', ParseUUIDPipe) id: string, @Body() body: PromotionCodeCreateDto, @Headers('idempotency-key') key?: string): Promise<PromotionCodeDto> {
    return this.codes.create(id, body, key);
  }
}
