import { Injectable } from '@nestjs/common';
import { BulkOperationRunner } from '@app/billing';
import { JOB_OPTIONS, JobName, PayloadOf } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

/** One staff bulk operation on a tenant's subscriptions (resumes at the first item without a result). */
@Injectable()
export class BillingBulkOperationHandler implements JobHandlerProvider<JobName.BillingBulkOperation> {
  readonly name = JobName.BillingBulkOperation;

  constructor(private readonly runner: BulkOperationRunner) {}

  handle(data: PayloadOf<JobName.BillingBulkOperation>, meta: JobMeta): Promise<void> {
    return this.runner.run(data.tenantId, data.operationId, meta.attempt >= JOB_OPTIONS[this.name].attempts);
  }
}
