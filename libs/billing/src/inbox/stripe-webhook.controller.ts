import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, BodyLimit, RAW_BODY_ROUTE } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { SkipRateLimit } from '@app/limits';
import { Public } from '@app/rbac';
import { StripeWebhookInboxService } from './stripe-webhook-inbox.service';
import { StripeWebhookReceiptDto } from './stripe-webhook-receipt.dto';

/** Stripe's deliveries; Connect events carry `account`. Signed, so public and not rate limited. */
@ApiTags('billing')
@Controller('webhooks/stripe')
export class StripeWebhookController {
  constructor(private readonly inbox: StripeWebhookInboxService) {}

  @Post()
  @Public()
  @SkipRateLimit()
  // Its one statement runs on its own (Db.statement): no per-request transaction around it.
  @WithoutTransaction()
  @HttpCode(200)
  @BodyLimit(1_048_576)
  @RouteConfig({ [RAW_BODY_ROUTE]: true })
  @ApiOperation({ summary: 'Receive a Stripe event (signature verified on the raw body; stored once, processed in the background)' })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe\'s signature header (t=…,v1=…)' })
  @ApiBody({ description: 'The Stripe event, exactly as Stripe sent it', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: StripeWebhookReceiptDto })
  @ApiProblems(400, 409, 413, 415)
  receive(@Req() request: FastifyRequest, @Headers('stripe-signature') signature: string | undefined): Promise<StripeWebhookReceiptDto> {
    return this.inbox.receive(request.body, signature);
  }
}
