import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import { createMailTransport } from '@app/email';
import { JobName, PayloadOf, runOncePerJob } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

@Injectable()
export class SendEmailHandler implements JobHandlerProvider<JobName.SendEmail> {
  readonly name = JobName.SendEmail;
  private readonly mail;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
  ) {
    this.mail = createMailTransport(config.smtpUrl, config.mailDir);
  }

  /** One message per job: a run after a delivered one (worker died before the job completed) sends nothing. */
  async handle(data: PayloadOf<JobName.SendEmail>, meta: JobMeta): Promise<void> {
    await runOncePerJob(this.db, { jobId: meta.jobId, jobName: this.name }, {}, () =>
      this.mail.send({ ...data, from: this.config.mailFrom, messageId: `<${meta.jobId}@backoffice>` }),
    );
  }
}
