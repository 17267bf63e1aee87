import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { SubscriptionActionsService } from './subscription-actions.service';
import { BillingSubscriptionDto } from './subscriptions.dto';
import {
  SubscriptionCancelDto, SubscriptionChangePlanDto, SubscriptionChangePreviewDto, SubscriptionChangePreviewQueryDto, SubscriptionExtendDto, SubscriptionPauseDto,
} from './subscription-actions.dto';

/** A staff action's route: a POST needing billing:write, answered 200 with the subscription, its Stripe call outside any transaction. */
const Action = (path: string, summary: string) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    RequirePermissions('billing:write'),
    WithoutTransaction(),
    ApiOperation({ summary }),
    ApiOkResponse({ type: BillingSubscriptionDto }),
    ApiProblems(400, 401, 403, 404, 409, 422),
  );

/** Staff's actions on a subscription: each one Stripe call, answered with the subscription as the mirror now holds it. */
@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/subscriptions/:id')
export class SubscriptionActionsController {
  constructor(private readonly actions: SubscriptionActionsService) {}

  @Action('cancel', 'Cancel a subscription now or at the end of its period, with the customer\'s reason and feedback')
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() body: SubscriptionCancelDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.cancel(id, body, key);
  }

  @Action('undo-cancel', 'Undo a cancellation scheduled for the end of the period')
  undoCancel(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.undoCancel(id, key);
  }

  @Action('pause', 'Pause payment collection (invoices voided, kept as drafts or marked uncollectible), until resumed or a given date')
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() body: SubscriptionPauseDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.pause(id, body, key);
  }

  @Action('resume', 'Resume payment collection of a paused subscription')
  resume(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.resume(id, key);
  }

  @Action('extend', 'Extend the trial, or push the next billing date of an active subscription (no charge until then, no proration)')
  extend(@Param('id', ParseUUIDPipe) id: string, @Body() body: SubscriptionExtendDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.extend(id, body, key);
  }

  @Get('change-preview')
  @RequirePermissions('billing:read')
  @WithoutTransaction()
  @ApiOperation({ summary: 'What a change of plan would charge or credit now (Stripe\'s proration preview), with the proration date to change at' })
  @ApiOkResponse({ type: SubscriptionChangePreviewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  changePreview(@Param('id', ParseUUIDPipe) id: string, @Query() query: SubscriptionChangePreviewQueryDto): Promise<SubscriptionChangePreviewDto> {
    return this.actions.changePreview(id, query);
  }

  @Action('change-plan', 'Change the price (plan or interval) and quantity of a one-item subscription, prorated as previewed')
  changePlan(@Param('id', ParseUUIDPipe) id: string, @Body() body: SubscriptionChangePlanDto, @Headers('idempotency-key') key?: string): Promise<BillingSubscriptionDto> {
    return this.actions.changePlan(id, body, key);
  }
}
