import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingPromotionCodesService } from './promotion-codes.service';
import { PromotionCodeDto, PromotionCodeListDto, PromotionCodeQueryDto } from './coupons.dto';

/** Turning a code off or on: a POST needing billing:write, answered 200 with the code, its Stripe call outside any transaction. */
const Toggle = (path: string, summary: string) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    RequirePermissions('billing:write'),
    WithoutTransaction(),
    ApiOperation({ summary }),
    ApiOkResponse({ type: PromotionCodeDto }),
    ApiProblems(400, 401, 403, 404, 409, 422),
  );

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/promotion-codes')
export class BillingPromotionCodesController {
  constructor(private readonly codes: BillingPromotionCodesService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s promotion codes (newest first; filter active, coupon)' })
  @ApiOkResponse({ type: PromotionCodeListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PromotionCodeQueryDto): Promise<PromotionCodeListDto> {
    return this.codes.list(query);
  }

  @Toggle(':id/deactivate', 'Turn a promotion code off in Stripe (customers can no longer redeem it)')
  deactivate(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<PromotionCodeDto> {
    return this.codes.setActive(id, false, key);
  }

  @Toggle(':id/activate', 'Turn a promotion code on again in Stripe (its coupon must still be usable)')
  activate(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<PromotionCodeDto> {
    return this.codes.setActive(id, true, key);
  }
}
