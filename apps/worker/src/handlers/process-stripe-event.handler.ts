import { Injectable } from '@nestjs/common';
import { StripeEventProcessor } from '@app/billing';
import { JobName, PayloadOf } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

@Injectable()
export class ProcessStripeEventHandler implements JobHandlerProvider<JobName.ProcessStripeEvent> {
  readonly name = JobName.ProcessStripeEvent;

  constructor(private readonly processor: StripeEventProcessor) {}

  handle(data: PayloadOf<JobName.ProcessStripeEvent>): Promise<void> {
    return this.processor.process(data.stripeEventId, data.eventTenantId);
  }
}
