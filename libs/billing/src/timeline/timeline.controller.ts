import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PageQueryDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingTimelineService } from './timeline.service';
import { TimelineDto } from './timeline.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class BillingTimelineController {
  constructor(private readonly timeline: BillingTimelineService) {}

  @Get('customers/:id/timeline')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A customer\'s money history, newest first: payments, refunds, invoices, disputes, subscriptions started and ended, staff actions on their subscriptions and balance' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 401, 403, 404, 409)
  customer(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<TimelineDto> {
    return this.timeline.forCustomer(id, query);
  }

  @Get('subscriptions/:id/history')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A subscription\'s history, newest first: its start and end, its invoices, their payments, refunds and disputes, and every staff action on it' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 401, 403, 404, 409)
  subscription(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<TimelineDto> {
    return this.timeline.forSubscription(id, query);
  }
}
