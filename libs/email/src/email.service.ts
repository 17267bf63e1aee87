import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, encryptSecret, newId } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { type EmailTemplateDefinition, type EmailTemplateKey, type EmailTemplateVariables, findEmailTemplate, secretVariableNames } from './email-template-catalog';
import { EmailTemplateRenderPool } from './email-template-render-pool';
import { type EmailContent, redactSecrets } from './email-template-renderer';
import { EmailTemplateOverridesRepository } from './email-template-overrides.repository';

/**
 * Records an email in email_messages (the template key, its variables sealed under ENCRYPTION_KEY,
 * and the subject with secrets hidden for the log) and queues `{ tenantId, emailMessageId }` through
 * the outbox; the worker renders it from the row, delivers it and updates the record.
 */
@Injectable()
export class EmailService {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly overrides: EmailTemplateOverridesRepository,
    private readonly renderer: EmailTemplateRenderPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  link(path: string): string {
    return this.config.publicUrl + path;
  }

  /**
   * Sends a catalog template. For a tenant-scoped template sent for a tenant, the worker uses that
   * tenant's override (the default when it has none or it fails to render). Returns the email message id.
   */
  async send<K extends EmailTemplateKey>(to: string, key: K, variables: EmailTemplateVariables<K>, tenantId: string | null = null): Promise<string> {
    const template = findEmailTemplate(key)!;
    const vars = variables as Record<string, string>;
    const override = tenantId && template.scope === 'tenant' ? await this.overrides.find(tenantId, key) : null;
    const subject = await this.loggedSubject(override ?? template, template, vars).catch(() => this.loggedSubject(template, template, vars));
    return this.record(to, template, vars, subject, null, tenantId);
  }

  /** Queues a test send: `content` (the tenant's version, with its [Test] subject) rendered with `variables`. */
  async sendTest(to: string, template: EmailTemplateDefinition, content: EmailContent, variables: Record<string, string>, tenantId: string): Promise<string> {
    return this.record(to, template, variables, await this.loggedSubject(content, template, variables), content, tenantId);
  }

  /** The subject as the email log keeps it: rendered with every secret variable shown as its placeholder. */
  private async loggedSubject(content: EmailContent, template: EmailTemplateDefinition, variables: Record<string, string>): Promise<string> {
    const secrets = secretVariableNames(template);
    const { subject } = await this.renderer.render({ subject: content.subject, text: '', html: null }, variables, secrets);
    return redactSecrets(subject, variables, secrets);
  }

  private async record(to: string, template: EmailTemplateDefinition, variables: Record<string, string>, subject: string, content: EmailContent | null, tenantId: string | null): Promise<string> {
    const id = newId();
    const key = this.config.encryptionKey;
    await this.db.manager().query(
      `insert into email_messages (id, tenant_id, to_address, template_key, subject, variables_sealed, template_sealed) values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, tenantId, to, template.key, subject, encryptSecret(JSON.stringify(variables), key), content ? encryptSecret(JSON.stringify(content), key) : null],
    );
    await this.outbox.enqueueAfterCommit(JobName.SendEmail, { tenantId, emailMessageId: id });
    return id;
  }
}
