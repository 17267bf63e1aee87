import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingDunningService } from './dunning.service';
import { FailedPaymentListDto, FailedPaymentQueryDto, ReminderCreateDto, ReminderSentDto } from './dunning.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/failed-payments')
export class BillingDunningController {
  constructor(private readonly dunning: BillingDunningService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'Open invoices whose automatic payment failed (customer, amount, attempts, next retry, decline reason, reminders), with the recovery of the last 30 days' })
  @ApiOkResponse({ type: FailedPaymentListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: FailedPaymentQueryDto): Promise<FailedPaymentListDto> {
    return this.dunning.list(query);
  }

  @Post(':invoiceId/reminders')
  @HttpCode(202)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Email the customer a payment reminder for this open invoice (payment failed, card expiring or final notice) with Stripe\'s page to pay it; at most one an hour' })
  @ApiAcceptedResponse({ type: ReminderSentDto, description: 'The email is queued' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  remind(@Param('invoiceId', ParseUUIDPipe) invoiceId: string, @Body() body: ReminderCreateDto): Promise<ReminderSentDto> {
    return this.dunning.remind(invoiceId, body);
  }
}
