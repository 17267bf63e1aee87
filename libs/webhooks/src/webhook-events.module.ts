import { Module } from '@nestjs/common';
import { WebhookEventsService } from './webhook-events.service';

/** Only the publishing API, for domain modules (tenants...) that emit events; it needs no other webhooks code. */
@Module({ providers: [WebhookEventsService], exports: [WebhookEventsService] })
export class WebhookEventsModule {}
