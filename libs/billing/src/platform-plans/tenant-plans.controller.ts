import { Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { CheckoutSessionDto, PortalSessionDto } from '../catalog/dto/catalog-input.dto';
import { TenantPlansDto } from './dto/platform-plan.dto';
import { PlanCheckoutCreateDto, PlanPortalCreateDto } from './dto/platform-plan-input.dto';
import { TenantPlansService } from './tenant-plans.service';

/** The business's own plan: the platform's plans on sale, their Checkout and the billing portal. */
@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class TenantPlansController {
  constructor(private readonly plans: TenantPlansService) {}

  @Get('plans')
  @RequirePermissions('usage:read')
  @WithoutTransaction()
  @ApiOperation({ summary: 'The platform\'s plans on sale (active prices, limits), the business\'s current plan and plan subscription' })
  @ApiOkResponse({ type: TenantPlansDto })
  @ApiProblems(401, 403, 409)
  list(): Promise<TenantPlansDto> {
    return this.plans.plans();
  }

  @Post('plan-checkout')
  @RequirePermissions('tenant:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'A Stripe Checkout URL (platform account, the business as customer) to subscribe to a plan price' })
  @ApiCreatedResponse({ type: CheckoutSessionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  checkout(@Body() body: PlanCheckoutCreateDto, @Headers('idempotency-key') key?: string): Promise<CheckoutSessionDto> {
    return this.plans.checkout(body, key);
  }

  @Post('plan-portal')
  @RequirePermissions('tenant:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'A Stripe billing portal URL to change or cancel the business\'s plan subscription' })
  @ApiCreatedResponse({ type: PortalSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  portal(@Body() body: PlanPortalCreateDto, @Headers('idempotency-key') key?: string): Promise<PortalSessionDto> {
    return this.plans.portal(body, key);
  }
}
