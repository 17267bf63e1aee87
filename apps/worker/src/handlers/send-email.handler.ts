import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import { createMailTransport, EmailMessageContentService, EmailTemplateError, isPermanentMailRejection } from '@app/email';
import { JOB_OPTIONS, JobName, PayloadOf, runOncePerJob } from '@app/queue';
import type { JobHandlerProvider, JobMeta } from '../job-handlers';

const ERROR_MAX = 1000;
const CONTENT_GONE = 'nothing to send: the content of this email was removed when it reached a final state; send a new one';

/**
 * The sealed content goes once nothing can deliver the message any more: at once when it is sent,
 * bounced or cannot render. One that used up its retries keeps it while its dead letter may be
 * replayed (the housekeeping job removes it 7 days after the failure, as BullMQ forgets the job;
 * discarding the dead letter removes it at once).
 */
const SCRUB = `variables_sealed = null, template_sealed = null`;

/**
 * Delivers one email: loads its email_messages row, renders it (test draft, tenant override or
 * default), sends it and records the outcome: sent, or failed once the retries are spent. A permanent
 * SMTP rejection (5xx) is a bounce and a template that cannot render cannot succeed later: both are
 * recorded as failed, not retried.
 */
@Injectable()
export class SendEmailHandler implements JobHandlerProvider<JobName.SendEmail> {
  readonly name = JobName.SendEmail;
  private readonly mail;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly messages: EmailMessageContentService,
  ) {
    this.mail = createMailTransport(config.smtpUrl, config.mailDir);
  }

  /** One message per job: a run after a delivered one (worker died before the job completed) sends nothing. */
  async handle(data: PayloadOf<JobName.SendEmail>, meta: JobMeta): Promise<void> {
    const messageId = data.emailMessageId;
    // At-least-once delivery: a message already sent (by this job or one replayed from a dead letter) is not
    // sent again. A failed one may be: a replay of its dead letter is staff asking to try once more.
    if ((await this.status(data, messageId)) === 'sent') return;
    try {
      // The job id is claimed in the same transaction that records the send: a worker killed mid-send rolls
      // the claim back (the job runs again), and a job whose send committed never sends twice.
      await runOncePerJob(this.db, { jobId: meta.jobId, jobName: this.name }, { tenantId: data.tenantId ?? null }, async () => {
        if (!data.tenantId) await this.db.crossTenant();
        const message = await this.messages.load(messageId);
        if (!message) return;
        if (!message.content) {
          await this.db.manager().query(
            `update email_messages set status = 'failed', failed_at = coalesce(failed_at, now()), last_error = $2, updated_at = now() where id = $1`,
            [messageId, CONTENT_GONE],
          );
          return;
        }
        const { content } = message;
        const delivery = await this.mail.send({
          from: this.config.mailFrom,
          to: message.to,
          subject: content.subject,
          text: content.text,
          ...(content.html === null ? {} : { html: content.html }),
          messageId: `<${meta.jobId}@backoffice>`,
        });
        await this.db.manager().query(
          `update email_messages set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null, subject = $3,
                  provider_message_id = $2, updated_at = now(), ${SCRUB} where id = $1`,
          [messageId, delivery.messageId, message.loggedSubject],
        );
      });
    } catch (error) {
      const permanent = isPermanentMailRejection(error) || error instanceof EmailTemplateError;
      const final = permanent || meta.attempt >= JOB_OPTIONS[JobName.SendEmail].attempts;
      await this.record(
        data,
        `update email_messages set attempts = attempts + 1, last_error = $2, updated_at = now(),
                status = case when $3 then 'failed' else status end, failed_at = case when $3 then now() else failed_at end,
                variables_sealed = case when $4 then null else variables_sealed end,
                template_sealed = case when $4 then null else template_sealed end
          where id = $1`,
        [messageId, String((error as Error).message ?? error).slice(0, ERROR_MAX), final, permanent],
      );
      if (!permanent) throw error;
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
