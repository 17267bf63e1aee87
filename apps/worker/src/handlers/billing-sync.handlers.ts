import { Injectable } from '@nestjs/common';
import { BillingSyncRunner, BillingSyncScheduler, PlatformPlanReconciler } from '@app/billing';
import { JOB_OPTIONS, JobName, PayloadOf } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

/** One tenant's reconciliation run (daily or "sync now"). */
@Injectable()
export class BillingReconcileHandler implements JobHandlerProvider<JobName.BillingReconcile> {
  readonly name = JobName.BillingReconcile;

  constructor(private readonly runner: BillingSyncRunner) {}

  handle(data: PayloadOf<JobName.BillingReconcile>, meta: JobMeta): Promise<void> {
    return this.runner.run(data.tenantId, data.runId, meta.attempt >= JOB_OPTIONS[this.name].attempts);
  }
}

/** One tenant's initial import of its Stripe history (resumes after the last page done). */
@Injectable()
export class BillingImportHandler implements JobHandlerProvider<JobName.BillingImport> {
  readonly name = JobName.BillingImport;

  constructor(private readonly runner: BillingSyncRunner) {}

  handle(data: PayloadOf<JobName.BillingImport>, meta: JobMeta): Promise<void> {
    return this.runner.run(data.tenantId, data.runId, meta.attempt >= JOB_OPTIONS[this.name].attempts);
  }
}

/** 02:00 UTC: one reconciliation per tenant with billing, then the plans tenants buy from the platform. */
@Injectable()
export class BillingReconcileDailyHandler implements JobHandlerProvider<JobName.BillingReconcileDaily> {
  readonly name = JobName.BillingReconcileDaily;

  constructor(
    private readonly scheduler: BillingSyncScheduler,
    private readonly plans: PlatformPlanReconciler,
  ) {}

  async handle(): Promise<void> {
    await this.scheduler.fanOut();
    await this.plans.reconcile();
  }
}
