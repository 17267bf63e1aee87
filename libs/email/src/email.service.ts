import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, newId } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { type EmailTemplateDefinition, type EmailTemplateKey, type EmailTemplateVariables, findEmailTemplate } from './email-template-catalog';
import { EmailTemplateOverridesRepository } from './email-template-overrides.repository';
import { type EmailContent, renderEmail } from './email-template-renderer';

/**
 * Renders an email from the tenant's version of a template (or the default), records it in
 * email_messages and queues it through the outbox; the worker delivers it and updates the record.
 */
@Injectable()
export class EmailService {
  private readonly logger = new Logger('Email');

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly overrides: EmailTemplateOverridesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  link(path: string): string {
    return this.config.publicUrl + path;
  }

  /**
   * Sends a catalog template. For a tenant-scoped template sent for a tenant, that tenant's override
   * is used when the current transaction can see it (bound to the tenant). Returns the email message id.
   */
  async send<K extends EmailTemplateKey>(to: string, key: K, variables: EmailTemplateVariables<K>, tenantId: string | null = null): Promise<string> {
    const template = findEmailTemplate(key)!;
    const vars = variables as Record<string, string>;
    const override = tenantId && template.scope === 'tenant' ? await this.overrides.find(tenantId, key) : null;
    let content = renderEmail(template, vars);
    if (override) {
      try {
        content = renderEmail(override, vars);
      } catch (error) {
        // Overrides are checked at save; should one still fail (catalog changed since), the default goes out.
        this.logger.warn(`tenant ${tenantId} override of ${key} failed to render, sending the default: ${(error as Error).message}`);
      }
    }
    return this.enqueue(to, template, content, tenantId);
  }

  /** Queues already rendered content (send-test of a template); returns the email message id. */
  async enqueue(to: string, template: EmailTemplateDefinition, content: EmailContent, tenantId: string | null): Promise<string> {
    const id = newId();
    await this.db.manager().query(
      `insert into email_messages (id, tenant_id, to_address, template_key, subject) values ($1, $2, $3, $4, $5)`,
      [id, tenantId, to, template.key, content.subject],
    );
    await this.outbox.enqueueAfterCommit(JobName.SendEmail, {
      to,
      subject: content.subject,
      text: content.text,
      ...(content.html === null ? {} : { html: content.html }),
      tenantId,
      emailMessageId: id,
    });
    return id;
  }
}
