import { Injectable } from '@nestjs/common';
import { CardExpiryReminders, StaffDigest } from '@app/billing';
import { JobName } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

/** 08:00 UTC: card-expiring reminders to customers of the businesses that turned them on. */
@Injectable()
export class BillingCardExpiryRemindersHandler implements JobHandlerProvider<JobName.BillingCardExpiryReminders> {
  readonly name = JobName.BillingCardExpiryReminders;

  constructor(private readonly reminders: CardExpiryReminders) {}

  async handle(): Promise<void> {
    await this.reminders.run();
  }
}

/** 07:00 UTC: the billing digest to the staff of the businesses that turned it on. */
@Injectable()
export class BillingStaffDigestHandler implements JobHandlerProvider<JobName.BillingStaffDigest> {
  readonly name = JobName.BillingStaffDigest;

  constructor(private readonly digest: StaffDigest) {}

  async handle(): Promise<void> {
    await this.digest.run();
  }
}
