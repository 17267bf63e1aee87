import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { JobName, OutboxService } from '@app/queue';

export type EmailTemplate = 'verify-email' | 'password-reset' | 'invitation' | 'webhook-endpoint-disabled';

interface TemplateVariables {
  'verify-email': { name: string; link: string };
  'password-reset': { name: string; link: string };
  invitation: { tenantName: string; inviterName: string; link: string };
  'webhook-endpoint-disabled': { tenantName: string; url: string; reason: string; link: string };
}

const TEMPLATES: { [T in EmailTemplate]: { subject: string; text: string } } = {
  'verify-email': {
    subject: 'Confirm your email address',
    text: 'Hello {{name}},\n\nConfirm your email address by opening this link:\n{{link}}\n\nIf you did not sign up, ignore this message.',
  },
  'password-reset': {
    subject: 'Reset your password',
    text: 'Hello {{name}},\n\nReset your password within 15 minutes with this link:\n{{link}}\n\nIf you did not ask for this, ignore this message.',
  },
  invitation: {
    subject: 'You are invited to {{tenantName}}',
    text: '{{inviterName}} invited you to join {{tenantName}}.\n\nAccept within 48 hours:\n{{link}}',
  },
  'webhook-endpoint-disabled': {
    subject: 'A webhook endpoint of {{tenantName}} was disabled',
    text: 'Deliveries to the webhook endpoint {{url}} kept failing, so it was disabled.\n\n{{reason}}.\n\nFix the receiver, then enable the endpoint again and replay the failed deliveries:\n{{link}}',
  },
};

export function renderTemplate(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => variables[key] ?? '');
}

/** Renders an email and queues it through the outbox; the worker delivers it. */
@Injectable()
export class EmailService {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  link(path: string): string {
    return this.config.publicUrl + path;
  }

  async send<T extends EmailTemplate>(to: string, template: T, variables: TemplateVariables[T], tenantId: string | null = null): Promise<void> {
    const vars = variables as unknown as Record<string, string>;
    await this.outbox.enqueueAfterCommit(JobName.SendEmail, {
      to,
      subject: renderTemplate(TEMPLATES[template].subject, vars),
      text: renderTemplate(TEMPLATES[template].text, vars),
      tenantId,
    });
  }
}
