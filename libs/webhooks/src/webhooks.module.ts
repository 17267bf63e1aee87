import { Module } from '@nestjs/common';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventTypesController } from './webhook-event-types.controller';
import { WebhookEventsModule } from './webhook-events.module';
import { WebhookUrlPolicyModule } from './webhook-url-policy.module';

/** The HTTP side of outgoing webhooks: event types, endpoints, delivery log and replay. */
@Module({
  imports: [WebhookEventsModule, WebhookUrlPolicyModule],
  controllers: [WebhookEventTypesController, WebhookEndpointsController, WebhookDeliveriesController],
  providers: [WebhookEndpointsService, WebhookDeliveriesService],
})
export class WebhooksModule {}
