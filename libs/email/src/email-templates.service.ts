import { Injectable } from '@nestjs/common';
import { currentContext, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { type EmailTemplateDefinition, findEmailTemplate, sampleVariables, secretVariableNames, tenantEmailTemplates } from './email-template-catalog';
import { type EmailTemplateOverride, EmailTemplateOverridesRepository } from './email-template-overrides.repository';
import { EmailTemplateRenderPool } from './email-template-render-pool';
import { checkTemplatePart, type EmailContent } from './email-template-renderer';
import { EmailTemplateError, type EmailTemplatePart } from './email-template.error';
import { TestEmailRecipients } from './test-email-recipients';
import { EmailService } from './email.service';
import type { EmailTemplateDto } from './dto/email-template.dto';
import type { PreviewEmailTemplateDto } from './dto/preview-email-template.dto';
import type { TestEmailSentDto } from './dto/test-email-sent.dto';
import type { UpdateEmailTemplateDto } from './dto/update-email-template.dto';

function toDto(template: EmailTemplateDefinition, override: EmailTemplateOverride | null): EmailTemplateDto {
  const effective = override ?? template;
  return {
    key: template.key,
    name: template.name,
    description: template.description,
    subject: effective.subject,
    text: effective.text,
    html: effective.html,
    overridden: override !== null,
    updatedAt: override ? override.updatedAt.toISOString() : null,
    variables: template.variables.map((v) => ({ ...v })),
    defaultContent: { subject: template.subject, text: template.text, html: template.html },
  };
}

function templateProblem(error: EmailTemplateError): ProblemException {
  const errors = [{ field: error.part, message: error.message }];
  if (error.secretVariables.length) {
    return new ProblemException('template-secret-in-subject', 422, 'Secret variable in the subject', error.message, errors, { secretVariables: error.secretVariables });
  }
  if (error.tooComplex) return new ProblemException('template-too-complex', 422, 'Template too complex', error.message, errors);
  if (error.unknownVariables.length) {
    return new ProblemException('template-unknown-variables', 422, 'Unknown template variables', error.message, [{ field: error.part, message: error.message }], {
      unknownVariables: error.unknownVariables,
    });
  }
  return new ProblemException('template-invalid', 422, 'Invalid template', error.message, [{ field: error.part, message: error.message }]);
}

/** Checks every part of a template against its variables; a 422 problem names what is wrong. */
function checkContent(template: EmailTemplateDefinition, content: EmailContent): void {
  const allowed = new Set(template.variables.map((v) => v.name));
  const secrets = secretVariableNames(template);
  const parts: Array<[EmailTemplatePart, string | null]> = [['subject', content.subject], ['text', content.text], ['html', content.html]];
  const unknown = new Set<string>();
  let first: EmailTemplateError | null = null;
  for (const [part, source] of parts) {
    if (source === null) continue;
    try {
      checkTemplatePart(source, part, allowed, secrets);
    } catch (error) {
      if (!(error instanceof EmailTemplateError)) throw error;
      if (!error.unknownVariables.length) throw templateProblem(error);
      error.unknownVariables.forEach((name) => unknown.add(name));
      first ??= error;
    }
  }
  if (first) {
    const names = [...unknown].sort();
    throw templateProblem(new EmailTemplateError(first.part, `Unknown variables: ${names.join(', ')} (allowed: ${[...allowed].join(', ')})`, names));
  }
}


/** The tenant's email templates (tenant-scoped ones): catalog defaults, the tenant's overrides, preview and test sends. */
@Injectable()
export class EmailTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly overrides: EmailTemplateOverridesRepository,
    private readonly email: EmailService,
    private readonly audit: AuditService,
    private readonly renderer: EmailTemplateRenderPool,
    private readonly recipients: TestEmailRecipients,
  ) {}

  async list(): Promise<EmailTemplateDto[]> {
    const overrides = await this.overrides.all(this.db.tenantId());
    return tenantEmailTemplates().map((template) => toDto(template, overrides.get(template.key) ?? null));
  }

  async get(key: string): Promise<EmailTemplateDto> {
    const template = this.template(key);
    return toDto(template, await this.overrides.find(this.db.tenantId(), key));
  }

  async update(key: string, input: UpdateEmailTemplateDto): Promise<EmailTemplateDto> {
    const template = this.template(key);
    const content: EmailContent = { subject: input.subject, text: input.text, html: input.html ?? null };
    checkContent(template, content);
    await this.render(template, content, sampleVariables(template));
    const tenantId = this.db.tenantId();
    const before = await this.overrides.find(tenantId, key);
    await this.overrides.upsert(tenantId, key, content, currentContext()?.principal?.userId ?? null);
    await this.audit.record({
      action: 'email_template.updated',
      entityType: 'email_template',
      entityId: key,
      before: before ? { subject: before.subject, text: before.text, html: before.html } : null,
      after: content,
    });
    return this.get(key);
  }

  async reset(key: string): Promise<void> {
    this.template(key);
    const tenantId = this.db.tenantId();
    const before = await this.overrides.find(tenantId, key);
    if (!before || !(await this.overrides.remove(tenantId, key))) return;
    await this.audit.record({
      action: 'email_template.reset',
      entityType: 'email_template',
      entityId: key,
      before: { subject: before.subject, text: before.text, html: before.html },
      after: null,
    });
  }

  /** Renders draft content (or the current version) with sample data, without saving anything. */
  async preview(key: string, input: PreviewEmailTemplateDto): Promise<EmailContent> {
    const template = this.template(key);
    const current = (await this.overrides.find(this.db.tenantId(), key)) ?? template;
    const content: EmailContent = {
      subject: input.subject ?? current.subject,
      text: input.text ?? current.text,
      html: input.html !== undefined ? input.html : current.html,
    };
    checkContent(template, content);
    return this.render(template, content, this.variables(template, input.variables ?? {}));
  }

  /**
   * Queues the tenant's current version, rendered with sample data, to the caller or to a verified
   * member of the tenant (never any other address). Checked and rendered here, rendered again by the worker.
   */
  async sendTest(key: string, to: string | undefined): Promise<TestEmailSentDto> {
    const template = this.template(key);
    const tenantId = this.db.tenantId();
    const recipient = await this.recipients.check(to ?? currentContext()?.principal?.email);
    const current = (await this.overrides.find(tenantId, key)) ?? template;
    const draft: EmailContent = { subject: `[Test] ${current.subject}`, text: current.text, html: current.html };
    checkContent(template, draft);
    const variables = sampleVariables(template);
    await this.render(template, draft, variables);
    const emailMessageId = await this.email.sendTest(recipient, template, draft, variables, tenantId);
    await this.audit.record({ action: 'email_template.test_sent', entityType: 'email_template', entityId: key, after: { to: recipient, emailMessageId } });
    return { emailMessageId, to: recipient };
  }

  private async render(template: EmailTemplateDefinition, content: EmailContent, variables: Record<string, string>): Promise<EmailContent> {
    try {
      return await this.renderer.render(content, variables, secretVariableNames(template));
    } catch (error) {
      if (error instanceof EmailTemplateError) throw templateProblem(error);
      throw error;
    }
  }

  private template(key: string): EmailTemplateDefinition {
    const template = findEmailTemplate(key);
    if (!template || template.scope !== 'tenant') throw Problems.notFound('Email template');
    return template;
  }

  private variables(template: EmailTemplateDefinition, given: Record<string, unknown>): Record<string, string> {
    const allowed = new Set(template.variables.map((v) => v.name));
    const unknown = Object.keys(given).filter((name) => !allowed.has(name)).sort();
    if (unknown.length) {
      throw Problems.validation(unknown.map((name) => ({ field: `variables.${name}`, message: `${name} is not a variable of ${template.key}` })));
    }
    const wrong = Object.entries(given).filter(([, value]) => typeof value !== 'string');
    if (wrong.length) throw Problems.validation(wrong.map(([name]) => ({ field: `variables.${name}`, message: `${name} must be a string` })));
    return { ...sampleVariables(template), ...(given as Record<string, string>) };
  }
}
