import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import { createMailTransport, isPermanentMailRejection } from '@app/email';
import { JOB_OPTIONS, JobName, PayloadOf, runOncePerJob } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

const ERROR_MAX = 1000;

/**
 * Delivers one email and records the outcome on its email_messages row: sent, or failed once the
 * retries are spent. A permanent SMTP rejection (5xx) is a bounce: recorded as failed, not retried.
 */
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
    const messageId = data.emailMessageId;
    // At-least-once delivery: a message already sent (by this job or one replayed from a dead letter) is not
    // sent again. A failed one may be: a replay of its dead letter is staff asking to try once more.
    if (messageId && (await this.status(data, messageId)) === 'sent') return;
    try {
      // The job id is claimed in the same transaction that records the send: a worker killed mid-send rolls
      // the claim back (the job runs again), and a job whose send committed never sends twice.
      await runOncePerJob(this.db, { jobId: meta.jobId, jobName: this.name }, { tenantId: data.tenantId ?? null }, async () => {
        if (!data.tenantId) await this.db.crossTenant();
        const delivery = await this.mail.send({ ...data, from: this.config.mailFrom, messageId: `<${meta.jobId}@backoffice>` });
        if (messageId) {
          await this.db.manager().query(
            `update email_messages set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null,
                    provider_message_id = $2, updated_at = now() where id = $1`,
            [messageId, delivery.messageId],
          );
        }
      });
    } catch (error) {
      const bounce = isPermanentMailRejection(error);
      const final = bounce || meta.attempt >= JOB_OPTIONS[JobName.SendEmail].attempts;
      if (messageId) {
        await this.record(
          data,
          `update email_messages set attempts = attempts + 1, last_error = $2, updated_at = now(),
                  status = case when $3 then 'failed' else status end, failed_at = case when $3 then now() else failed_at end
            where id = $1`,
          [messageId, String((error as Error).message ?? error).slice(0, ERROR_MAX), final],
        );
      }
      if (!bounce) throw error;
    }
  }

  private async status(data: PayloadOf<JobName.SendEmail>, id: string): Promise<string | null> {
    const rows = await this.inScope(data, () => this.db.manager().query(`select status from email_messages where id = $1`, [id]));
    return rows[0]?.status ?? null;
  }

  private async record(data: PayloadOf<JobName.SendEmail>, sql: string, params: unknown[]): Promise<void> {
    await this.inScope(data, () => this.db.manager().query(sql, params));
  }

  /** A tenant's email is updated inside that tenant; platform emails (no tenant) on the cross-tenant path. */
  private inScope<T>(data: PayloadOf<JobName.SendEmail>, work: () => Promise<T>): Promise<T> {
    return this.db.transaction({ tenantId: data.tenantId ?? null }, async () => {
      if (!data.tenantId) await this.db.crossTenant();
      return work();
    });
  }
}
