import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { StripeEventDto, StripeEventListDto } from './dto/stripe-event.dto';
import { StripeEventQueryDto } from './dto/stripe-event-query.dto';
import { StripeEventsService } from './stripe-events.service';

/** Platform staff's Stripe inbox: every received event, its payload and errors, and replay. */
@ApiTags('admin: billing')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/billing/stripe-events')
export class StripeEventsController {
  constructor(private readonly events: StripeEventsService) {}

  @Get()
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'List received Stripe events (newest first), by type, status or account' })
  @ApiOkResponse({ type: StripeEventListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: StripeEventQueryDto): Promise<StripeEventListDto> {
    return this.events.list(query);
  }

  @Get(':id')
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'One received Stripe event with its payload, attempts and last error' })
  @ApiOkResponse({ type: StripeEventDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StripeEventDto> {
    return this.events.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequirePermissions('platform.billing:write')
  @ApiOperation({ summary: 'Process a stored Stripe event again (idempotent and order-safe), as a new job' })
  @ApiOkResponse({ type: StripeEventDto })
  @ApiProblems(400, 401, 403, 404)
  replay(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<StripeEventDto> {
    return this.events.replay(id);
  }
}
