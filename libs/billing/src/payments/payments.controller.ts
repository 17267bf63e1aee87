import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingPaymentsService } from './payments.service';
import { PaymentRefundsService } from './payment-refunds.service';
import { PaymentDetailDto, PaymentListDto, PaymentQueryDto, PaymentRefundDto } from './payments.dto';
import { CreateRefundDto, RefundQuoteDto, RefundRequestDto } from './refund-requests.dto';
import { RefundRequestsService } from './refund-requests.service';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/payments')
export class BillingPaymentsController {
  constructor(
    private readonly payments: BillingPaymentsService,
    private readonly refunds: PaymentRefundsService,
    private readonly requests: RefundRequestsService,
  ) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s payments (newest first; filter by status, customer, customer search, creation dates, refunded) with what is left to refund' })
  @ApiOkResponse({ type: PaymentListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PaymentQueryDto): Promise<PaymentListDto> {
    return this.payments.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A payment with its customer, card, failure and its refunds (newest first, with staff\'s notes)' })
  @ApiOkResponse({ type: PaymentDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PaymentDetailDto> {
    return this.payments.get(id);
  }

  @Get(':id/refund-quote')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'What the business\'s refund policy suggests refunding of a payment now (full or prorated within the window, nothing after it)' })
  @ApiOkResponse({ type: RefundQuoteDto })
  @ApiProblems(400, 401, 403, 404, 409)
  quote(@Param('id', ParseUUIDPipe) id: string): Promise<RefundQuoteDto> {
    return this.payments.quote(id);
  }

  @Post(':id/refunds')
  @RequirePermissions('billing.refunds:write')
  @WithoutTransaction()
  @ApiOperation({
    summary: 'Refund a payment in Stripe, fully or in part (never above what is left: 422 refund-exceeds-refundable); above the business\'s approval threshold it waits for a second person (202)',
  })
  @ApiCreatedResponse({ type: PaymentRefundDto, description: 'Refunded' })
  @ApiAcceptedResponse({ type: RefundRequestDto, description: 'Above the approval threshold: waiting for another staff member\'s approval' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async refund(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateRefundDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') key?: string,
  ): Promise<PaymentRefundDto | RefundRequestDto> {
    const outcome = await this.refunds.refund(id, body, key);
    if ('sent' in outcome) {
      void reply.status(201);
      return outcome.sent;
    }
    void reply.status(202);
    return this.requests.view(outcome.awaitingApproval.id);
  }
}
