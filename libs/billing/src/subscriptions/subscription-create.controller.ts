import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { SubscriptionCreateDto } from './subscription-create.dto';
import { SubscriptionCreateService } from './subscription-create.service';
import { BillingSubscriptionDto } from './subscriptions.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/subscriptions')
export class SubscriptionCreateController {
  constructor(private readonly creation: SubscriptionCreateService) {}

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a subscription for a customer: charged automatically or invoiced by email, with an optional trial, or complimentary (free for ever, marked as such)' })
  @ApiCreatedResponse({ type: BillingSubscriptionDto, description: 'Created' })
  @ApiOkResponse({ type: BillingSubscriptionDto, description: 'Already created by an earlier request with the same Idempotency-Key' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async create(@Body() body: SubscriptionCreateDto, @Res({ passthrough: true }) reply: FastifyReply, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    const result = await this.creation.create(body, key);
    void reply.status(result.created ? 201 : 200);
    return result.subscription;
  }
}
