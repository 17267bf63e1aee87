import { Body, Controller, Delete, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingSubscriptionDto } from '../subscriptions/subscriptions.dto';
import { SubscriptionCouponDto } from './coupons.dto';
import { SubscriptionCouponService } from './subscription-coupon.service';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/subscriptions/:id/coupon')
export class SubscriptionCouponController {
  constructor(private readonly coupons: SubscriptionCouponService) {}

  @Post()
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Apply a usable coupon to a subscription (it replaces its discount) from its next invoice' })
  @ApiOkResponse({ type: BillingSubscriptionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  apply(@Param('id', ParseUUIDPipe) id: string, @Body() body: SubscriptionCouponDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.coupons.apply(id, body.couponId, key);
  }

  @Delete()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Remove the discount of a subscription (its next invoices are at full price)' })
  @ApiOkResponse({ type: BillingSubscriptionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  remove(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.coupons.remove(id, key);
  }
}
