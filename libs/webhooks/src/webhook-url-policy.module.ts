import { Module } from '@nestjs/common';
import { systemLookup } from './delivery/webhook-target';
import { WEBHOOK_HOST_LOOKUP, WebhookUrlPolicy } from './webhook-url-policy.service';

@Module({
  providers: [{ provide: WEBHOOK_HOST_LOOKUP, useValue: systemLookup }, WebhookUrlPolicy],
  exports: [WebhookUrlPolicy],
})
export class WebhookUrlPolicyModule {}
