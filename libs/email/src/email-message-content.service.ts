import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, decryptSecret } from '@app/core';
import { Db } from '@app/database';
import { findEmailTemplate, secretVariableNames } from './email-template-catalog';
import { EmailTemplateOverridesRepository } from './email-template-overrides.repository';
import { EmailTemplateRenderPool } from './email-template-render-pool';
import { type EmailContent, redactSecrets } from './email-template-renderer';

export interface EmailToDeliver {
  to: string;
  content: EmailContent;
  /** The subject as the email log keeps it (secrets hidden). */
  loggedSubject: string;
}

interface MessageRow {
  to_address: string;
  template_key: string;
  tenant_id: string | null;
  variables_sealed: string | null;
  template_sealed: string | null;
}

/**
 * The worker's side of an email: reads its email_messages row (in the caller's transaction), unseals
 * the variables and renders the test draft, the tenant's override or the default, in that order.
 */
@Injectable()
export class EmailMessageContentService {
  private readonly logger = new Logger('Email');

  constructor(
    private readonly db: Db,
    private readonly overrides: EmailTemplateOverridesRepository,
    private readonly renderer: EmailTemplateRenderPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** null: no such message; `content: null`: its sealed content was already removed (sent or failed for good). */
  async load(emailMessageId: string): Promise<EmailToDeliver | { to: string; content: null } | null> {
    const [row]: MessageRow[] = await this.db.manager().query(
      `select to_address, template_key, tenant_id, variables_sealed, template_sealed from email_messages where id = $1`,
      [emailMessageId],
    );
    if (!row) return null;
    const template = findEmailTemplate(row.template_key);
    if (!row.variables_sealed || !template) return { to: row.to_address, content: null };
    const variables = JSON.parse(decryptSecret(row.variables_sealed, this.config.encryptionKey)) as Record<string, string>;
    const secrets = secretVariableNames(template);
    const draft = row.template_sealed ? (JSON.parse(decryptSecret(row.template_sealed, this.config.encryptionKey)) as EmailContent) : null;
    const override = !draft && row.tenant_id && template.scope === 'tenant' ? await this.overrides.find(row.tenant_id, template.key) : null;
    let content: EmailContent | null = null;
    if (draft ?? override) {
      try {
        content = await this.renderer.render((draft ?? override)!, variables, secrets);
      } catch (error) {
        if (draft) throw error;
        // Overrides are checked at save; should one still fail (catalog changed since), the default goes out.
        this.logger.warn(`tenant ${row.tenant_id} override of ${template.key} failed to render, sending the default: ${(error as Error).message}`);
      }
    }
    content ??= await this.renderer.render(template, variables, secrets);
    return { to: row.to_address, content, loggedSubject: redactSecrets(content.subject, variables, secrets) };
  }
}
