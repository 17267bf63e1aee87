import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { createMailTransport } from '@app/email';
import { JobName, PayloadOf } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

@Injectable()
export class SendEmailHandler implements JobHandlerProvider<JobName.SendEmail> {
  readonly name = JobName.SendEmail;
  private readonly mail;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.mail = createMailTransport(config.smtpUrl, config.mailDir);
  }

  async handle(data: PayloadOf<JobName.SendEmail>, meta: JobMeta): Promise<void> {
    await this.mail.send({ ...data, from: this.config.mailFrom, messageId: `<${meta.jobId}@backoffice>` });
  }
}
