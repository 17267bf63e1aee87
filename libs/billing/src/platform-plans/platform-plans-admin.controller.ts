import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { PlatformPlanDto, PlatformPlanListDto } from './dto/platform-plan.dto';
import { PlatformPlanCreateDto, PlatformPlanPriceCreateDto, PlatformPlanQueryDto, PlatformPlanUpdateDto } from './dto/platform-plan-input.dto';
import { PlatformPlansService } from './platform-plans.service';

/** Platform staff's plans sold to tenants (Stripe products and prices on the platform account). */
@ApiTags('admin: billing')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/billing/plans')
export class PlatformPlansAdminController {
  constructor(private readonly plans: PlatformPlansService) {}

  @Get()
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'List the plans sold to tenants with their prices and limits (newest first; filter by active)' })
  @ApiOkResponse({ type: PlatformPlanListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PlatformPlanQueryDto): Promise<PlatformPlanListDto> {
    return this.plans.list(query);
  }

  @Post()
  @RequirePermissions('platform.billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a plan for tenants (a Stripe product on the platform account) and its first monthly/annual prices' })
  @ApiCreatedResponse({ type: PlatformPlanDto })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@Body() body: PlatformPlanCreateDto, @Headers('idempotency-key') key?: string): Promise<PlatformPlanDto> {
    return this.plans.create(body, key);
  }

  @Get(':id')
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'A plan for tenants with all its prices, archived ones included' })
  @ApiOkResponse({ type: PlatformPlanDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PlatformPlanDto> {
    return this.plans.get(id);
  }

  @Patch(':id')
  @RequirePermissions('platform.billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Edit a plan in Stripe; active=false archives it and its prices, true restores it' })
  @ApiOkResponse({ type: PlatformPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlatformPlanUpdateDto, @Headers('idempotency-key') key?: string): Promise<PlatformPlanDto> {
    return this.plans.update(id, body, key);
  }

  @Post(':id/prices')
  @RequirePermissions('platform.billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Set a plan\'s monthly or annual price in a currency: a new Stripe price; the active one it replaces is archived' })
  @ApiCreatedResponse({ type: PlatformPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  addPrice(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlatformPlanPriceCreateDto, @Headers('idempotency-key') key?: string): Promise<PlatformPlanDto> {
    return this.plans.addPrice(id, body, key);
  }
}
