import { Injectable } from '@nestjs/common';
import { JobName, PayloadOf } from '@app/queue';
import { WebhookSenderService } from '@app/webhooks';
import type { JobHandlerProvider } from '../job-handlers';

@Injectable()
export class DeliverWebhookHandler implements JobHandlerProvider<JobName.DeliverWebhook> {
  readonly name = JobName.DeliverWebhook;

  constructor(private readonly sender: WebhookSenderService) {}

  handle(data: PayloadOf<JobName.DeliverWebhook>): Promise<void> {
    return this.sender.attempt(data);
  }
}
