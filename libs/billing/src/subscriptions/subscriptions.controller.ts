import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingSubscriptionsService } from './subscriptions.service';
import { BillingSubscriptionDto, BillingSubscriptionListDto, SubscriptionQueryDto } from './subscriptions.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/subscriptions')
export class BillingSubscriptionsController {
  constructor(private readonly subscriptions: BillingSubscriptionsService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s subscriptions (newest first; filter by status, plan, interval, renewal, customer) with counts and MRR of the filter' })
  @ApiOkResponse({ type: BillingSubscriptionListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: SubscriptionQueryDto): Promise<BillingSubscriptionListDto> {
    return this.subscriptions.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A subscription with its items, dates and customer' })
  @ApiOkResponse({ type: BillingSubscriptionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingSubscriptionDto> {
    return this.subscriptions.get(id);
  }
}
