import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { StripeWebhookHealthDto } from './dto/stripe-webhook-health.dto';
import { StripeEventsService } from './stripe-events.service';

/** Platform staff's view of whether Stripe events arrive and are processed in time. */
@ApiTags('admin: billing')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/billing/webhook-health')
export class StripeWebhookHealthController {
  constructor(private readonly events: StripeEventsService) {}

  @Get()
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'Stripe webhook health: events received/processed/failed/ignored in the last 24 h, processing lag, last event received' })
  @ApiOkResponse({ type: StripeWebhookHealthDto })
  @ApiProblems(401, 403)
  get(): Promise<StripeWebhookHealthDto> {
    return this.events.health();
  }
}
