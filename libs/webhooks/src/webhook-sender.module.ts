import { Module } from '@nestjs/common';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhookUrlPolicyModule } from './webhook-url-policy.module';

/** The worker side: sends delivery attempts. Needs the global Db, Outbox, Audit and Email providers. */
@Module({ imports: [WebhookUrlPolicyModule], providers: [WebhookSenderService], exports: [WebhookSenderService] })
export class WebhookSenderModule {}
