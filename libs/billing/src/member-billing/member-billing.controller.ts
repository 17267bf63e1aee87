import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { Authenticated } from '@app/rbac';
import { BillingInvoiceLinksDto } from '../invoices/invoices.dto';
import { BillingSubscriptionDto } from '../subscriptions/subscriptions.dto';
import { MemberBillingService } from './member-billing.service';
import { MemberBillingDto, MemberSubscriptionCancelDto } from './member-billing.dto';

/**
 * A signed-in member's own billing (no billing permission needed; API keys cannot use it). Updating the
 * card is the Customer Portal of POST /billing/portal-sessions without a customerId.
 */
@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/me')
export class MemberBillingController {
  constructor(private readonly billing: MemberBillingService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your own billing: what you may access, your subscriptions, your latest invoices, and a past-due payment to fix' })
  @ApiOkResponse({ type: MemberBillingDto })
  @ApiProblems(401, 403)
  overview(): Promise<MemberBillingDto> {
    return this.billing.overview();
  }

  @Post('subscriptions/:id/cancel')
  @Authenticated()
  @WithoutTransaction()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel your own subscription at the end of its current period (it stays active until then and can be undone)' })
  @ApiOkResponse({ type: BillingSubscriptionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() body: MemberSubscriptionCancelDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.billing.cancel(id, body, key);
  }

  @Post('subscriptions/:id/undo-cancel')
  @Authenticated()
  @WithoutTransaction()
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep your own subscription: undo its cancellation at period end' })
  @ApiOkResponse({ type: BillingSubscriptionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  undoCancel(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.billing.undoCancel(id, key);
  }

  @Get('invoices/:id/links')
  @Authenticated()
  @WithoutTransaction()
  @ApiOperation({ summary: 'The hosted page (to see or pay it) and PDF of one of your invoices, read from Stripe (not stored)' })
  @ApiOkResponse({ type: BillingInvoiceLinksDto })
  @ApiProblems(400, 401, 403, 404)
  invoiceLinks(@Param('id', ParseUUIDPipe) id: string): Promise<BillingInvoiceLinksDto> {
    return this.billing.invoiceLinks(id);
  }
}
