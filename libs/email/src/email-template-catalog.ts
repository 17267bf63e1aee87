export interface EmailTemplateVariable {
  name: string;
  description: string;
  /** Used by preview and send-test. */
  sample: string;
  /**
   * Carries a secret (a link with a token): allowed only in the body of the email that delivers it,
   * never in the subject, and hidden in everything stored or shown (email log, previews' subject).
   */
  secret?: boolean;
}

/**
 * A template the product sends. `tenant`: sent on behalf of one tenant, which may override its subject,
 * text and html. `platform`: sent by the platform to a user whatever their tenants (password reset,
 * email verification): always the product default, never listed to tenants.
 */
export interface EmailTemplateDefinition {
  key: string;
  scope: 'tenant' | 'platform';
  name: string;
  description: string;
  subject: string;
  text: string;
  html: string | null;
  variables: readonly EmailTemplateVariable[];
}

const name = { name: 'name', description: 'Name of the person the email is for', sample: 'Ada Lovelace' } as const;
const link = (description: string, sample: string) => ({ name: 'link', description, sample }) as const;
const secretLink = (description: string, sample: string) => ({ name: 'link', description, sample, secret: true }) as const;

const dunningVariables = [
  name,
  { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
  { name: 'amount', description: 'What is due, formatted with its currency', sample: '€49.00' },
  { name: 'invoiceNumber', description: 'The invoice\'s number', sample: 'ACME-0042' },
  secretLink('Stripe\'s page where the customer pays the invoice with another card', 'https://invoice.stripe.com/i/sample'),
] as const;

/** Payment reminders staff send for an invoice whose automatic payment failed (dunning). */
const DUNNING_TEMPLATES = {
  'payment-failed': {
    key: 'payment-failed',
    scope: 'tenant',
    name: 'Payment failed',
    description: 'Sent by staff when a customer\'s automatic payment failed: asks them to pay with another card',
    subject: 'Your payment to {{tenantName}} did not go through',
    text: 'Hello {{name}},\n\nWe could not take the payment of {{amount}} for invoice {{invoiceNumber}}. Please pay it with another card here:\n{{link}}',
    html: '<p>Hello {{name}},</p>\n<p>We could not take the payment of {{amount}} for invoice {{invoiceNumber}}. Please pay it with another card here:<br><a href="{{link}}">Pay the invoice</a></p>',
    variables: dunningVariables,
  },
  'card-expiring': {
    key: 'card-expiring',
    scope: 'tenant',
    name: 'Card expiring',
    description: 'Sent when the card a customer pays with expires: by the daily job at the start of its last month (settings: billingEmails.cardExpiring, with a link to update the card in Stripe\'s billing portal), or by staff for an invoice (with its payment page)',
    subject: 'Your card for {{tenantName}} needs updating',
    text: 'Hello {{name}},\n\nThe card you pay {{tenantName}} with has expired or expires soon, so the payment of {{amount}} ({{invoiceNumber}}) may not go through. Please update your card here:\n{{link}}',
    html: '<p>Hello {{name}},</p>\n<p>The card you pay {{tenantName}} with has expired or expires soon, so the payment of {{amount}} ({{invoiceNumber}}) may not go through. Please update your card here:<br><a href="{{link}}">Update the card</a></p>',
    variables: [
      name,
      { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
      { name: 'amount', description: 'What is due, or the next renewal\'s amount, formatted with its currency', sample: '€49.00' },
      { name: 'invoiceNumber', description: 'The invoice\'s number (staff reminder), or "renewal on <date>" (daily job)', sample: 'renewal on January 5, 2027' },
      secretLink('Stripe\'s page where the customer updates the card (billing portal) or pays the invoice', 'https://billing.stripe.com/p/session/sample'),
    ],
  },
  'payment-final-notice': {
    key: 'payment-final-notice',
    scope: 'tenant',
    name: 'Payment final notice',
    description: 'Sent by staff before access is suspended or the subscription canceled for an unpaid invoice',
    subject: 'Final notice: invoice {{invoiceNumber}} from {{tenantName}}',
    text: 'Hello {{name}},\n\nInvoice {{invoiceNumber}} ({{amount}}) is still unpaid after several attempts. Please pay it now to keep your access:\n{{link}}',
    html: '<p>Hello {{name}},</p>\n<p>Invoice {{invoiceNumber}} ({{amount}}) is still unpaid after several attempts. Please pay it now to keep your access:<br><a href="{{link}}">Pay the invoice</a></p>',
    variables: dunningVariables,
  },
} as const satisfies Record<string, EmailTemplateDefinition>;

const tenantName = { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' } as const;
const planName = { name: 'planName', description: 'The product (plan) subscribed to', sample: 'Inner circle' } as const;
const amount = { name: 'amount', description: 'The amount, formatted with its currency', sample: '€49.00' } as const;

/** Billing lifecycle emails to a business's customers, each turned on in the business's settings (billingEmails). */
const LIFECYCLE_TEMPLATES = {
  'payment-receipt': {
    key: 'payment-receipt',
    scope: 'tenant',
    name: 'Payment receipt',
    description: 'Sent to the customer after an invoice is paid (settings: billingEmails.receipt)',
    subject: 'Receipt from {{tenantName}}: {{amount}}',
    text: 'Hello {{name}},\n\nThank you: we received {{amount}} for invoice {{invoiceNumber}} on {{paidAt}}.\n\n{{tenantName}}',
    html: '<p>Hello {{name}},</p>\n<p>Thank you: we received {{amount}} for invoice {{invoiceNumber}} on {{paidAt}}.</p>\n<p>{{tenantName}}</p>',
    variables: [name, tenantName, amount, { name: 'invoiceNumber', description: 'The invoice\'s number', sample: 'ACME-0042' }, { name: 'paidAt', description: 'The day it was paid', sample: 'December 4, 2026' }],
  },
  'trial-ending': {
    key: 'trial-ending',
    scope: 'tenant',
    name: 'Trial ending',
    description: 'Sent to the customer about 3 days before a trial ends, when Stripe says so (settings: billingEmails.trialEnding)',
    subject: 'Your {{planName}} trial ends on {{trialEnd}}',
    text: 'Hello {{name}},\n\nYour trial of {{planName}} with {{tenantName}} ends on {{trialEnd}}. Your subscription then continues with your payment method on file.',
    html: '<p>Hello {{name}},</p>\n<p>Your trial of {{planName}} with {{tenantName}} ends on {{trialEnd}}. Your subscription then continues with your payment method on file.</p>',
    variables: [name, tenantName, planName, { name: 'trialEnd', description: 'The day the trial ends', sample: 'December 7, 2026' }],
  },
  'renewal-reminder': {
    key: 'renewal-reminder',
    scope: 'tenant',
    name: 'Renewal reminder',
    description: 'Sent to the customer before a subscription renews, when Stripe announces the upcoming invoice (settings: billingEmails.renewalReminder)',
    subject: 'Your {{planName}} subscription renews on {{renewsAt}}',
    text: 'Hello {{name}},\n\nYour {{planName}} subscription with {{tenantName}} renews on {{renewsAt}} for {{amount}}.',
    html: '<p>Hello {{name}},</p>\n<p>Your {{planName}} subscription with {{tenantName}} renews on {{renewsAt}} for {{amount}}.</p>',
    variables: [name, tenantName, planName, amount, { name: 'renewsAt', description: 'The day it renews', sample: 'January 1, 2027' }],
  },
  'subscription-canceled': {
    key: 'subscription-canceled',
    scope: 'tenant',
    name: 'Subscription canceled',
    description: 'Sent to the customer when a subscription has ended (settings: billingEmails.canceled)',
    subject: 'Your {{planName}} subscription has ended',
    text: 'Hello {{name}},\n\nYour {{planName}} subscription with {{tenantName}} ended on {{endedAt}}. We hope to see you again.',
    html: '<p>Hello {{name}},</p>\n<p>Your {{planName}} subscription with {{tenantName}} ended on {{endedAt}}. We hope to see you again.</p>',
    variables: [name, tenantName, planName, { name: 'endedAt', description: 'The day it ended', sample: 'December 4, 2026' }],
  },
} as const satisfies Record<string, EmailTemplateDefinition>;

/**
 * Every email the product sends, with its default content. Add a template by appending an entry;
 * its variables are the only ones a tenant override may use.
 */
export const EMAIL_TEMPLATE_CATALOG = [
  {
    key: 'verify-email',
    scope: 'platform',
    name: 'Email verification',
    description: 'Sent on request to confirm the email address of an account not yet verified',
    subject: 'Confirm your email address',
    text: 'Hello {{name}},\n\nConfirm your email address by opening this link:\n{{link}}\n\nIf you did not sign up, ignore this message.',
    html: '<p>Hello {{name}},</p>\n<p>Confirm your email address by opening this link:<br><a href="{{link}}">{{link}}</a></p>\n<p>If you did not sign up, ignore this message.</p>',
    variables: [name, secretLink('Verification link', 'https://backoffice.example/verify-email?token=sample')],
  },
  {
    key: 'signup-confirm',
    scope: 'platform',
    name: 'Signup confirmation',
    description: 'Sent after signup: the account and its business are created when the link is opened (valid 24 hours)',
    subject: 'Confirm your signup',
    text: 'Hello {{name}},\n\nOpen this link within 24 hours to create your account and {{tenantName}}:\n{{link}}\n\nIf you did not sign up, ignore this message.',
    html: '<p>Hello {{name}},</p>\n<p>Open this link within 24 hours to create your account and {{tenantName}}:<br><a href="{{link}}">{{link}}</a></p>\n<p>If you did not sign up, ignore this message.</p>',
    variables: [
      name,
      { name: 'tenantName', description: 'Name of the business being created', sample: 'Acme Coaching' },
      link('Signup confirmation link', 'https://backoffice.example/confirm-signup?token=sample'),
    ],
  },
  {
    key: 'signup-existing-account',
    scope: 'platform',
    name: 'Signup with an existing account',
    description: 'Sent instead of a confirmation when someone signs up with an address that already has an account',
    subject: 'You already have an account',
    text: 'Hello {{name}},\n\nSomeone, maybe you, tried to sign up with this email address, which already has an account. Nothing was changed.\n\nSign in here (or reset your password from there):\n{{link}}\n\nIf it was not you, ignore this message.',
    html: '<p>Hello {{name}},</p>\n<p>Someone, maybe you, tried to sign up with this email address, which already has an account. Nothing was changed.</p>\n<p>Sign in here (or reset your password from there):<br><a href="{{link}}">{{link}}</a></p>\n<p>If it was not you, ignore this message.</p>',
    variables: [name, link('Link to the sign-in page', 'https://backoffice.example/login')],
  },
  {
    key: 'password-reset',
    scope: 'platform',
    name: 'Password reset',
    description: 'Sent when someone asks to reset their password (valid 15 minutes)',
    subject: 'Reset your password',
    text: 'Hello {{name}},\n\nReset your password within 15 minutes with this link:\n{{link}}\n\nIf you did not ask for this, ignore this message.',
    html: '<p>Hello {{name}},</p>\n<p>Reset your password within 15 minutes with this link:<br><a href="{{link}}">{{link}}</a></p>\n<p>If you did not ask for this, ignore this message.</p>',
    variables: [name, secretLink('Password reset link', 'https://backoffice.example/reset-password?token=sample')],
  },
  {
    key: 'invitation',
    scope: 'tenant',
    name: 'Invitation',
    description: 'Sent when a member invites someone to join the business (valid 48 hours)',
    subject: 'You are invited to {{tenantName}}',
    text: '{{inviterName}} invited you to join {{tenantName}}.\n\nAccept within 48 hours:\n{{link}}',
    html: '<p>{{inviterName}} invited you to join {{tenantName}}.</p>\n<p>Accept within 48 hours:<br><a href="{{link}}">{{link}}</a></p>',
    variables: [
      { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
      { name: 'inviterName', description: 'Name of the member who sent the invitation', sample: 'Grace Hopper' },
      secretLink('Link to accept the invitation', 'https://backoffice.example/accept-invitation?token=sample'),
    ],
  },
  {
    key: 'webhook-endpoint-disabled',
    scope: 'tenant',
    name: 'Webhook endpoint disabled',
    description: 'Sent to the owners when deliveries to a webhook endpoint kept failing and it was disabled',
    subject: 'A webhook endpoint of {{tenantName}} was disabled',
    text: 'Deliveries to the webhook endpoint {{url}} kept failing, so it was disabled.\n\n{{reason}}.\n\nFix the receiver, then enable the endpoint again and replay the failed deliveries:\n{{link}}',
    html: '<p>Deliveries to the webhook endpoint {{url}} kept failing, so it was disabled.</p>\n<p>{{reason}}.</p>\n<p>Fix the receiver, then enable the endpoint again and replay the failed deliveries:<br><a href="{{link}}">{{link}}</a></p>',
    variables: [
      { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
      { name: 'url', description: 'URL of the disabled endpoint', sample: 'https://hooks.example.com/backoffice' },
      { name: 'reason', description: 'Why the endpoint was disabled', sample: '5 deliveries in a row failed after every retry' },
      link('Link to the webhooks page', 'https://backoffice.example/webhooks'),
    ],
  },
  {
    key: 'billing-sync-failed',
    scope: 'platform',
    name: 'Billing sync failed',
    description: 'Sent to platform staff when a reconciliation or initial import of a business\'s Stripe account failed after its retries',
    subject: 'Stripe sync failed for {{tenantName}}',
    text: 'Hello {{name}},\n\nThe {{runKind}} of the Stripe account of {{tenantName}} failed after its retries:\n{{error}}\n\nSee the sync runs:\n{{link}}',
    html: '<p>Hello {{name}},</p>\n<p>The {{runKind}} of the Stripe account of {{tenantName}} failed after its retries:<br>{{error}}</p>\n<p>See the sync runs:<br><a href="{{link}}">{{link}}</a></p>',
    variables: [
      name,
      { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
      { name: 'runKind', description: 'reconciliation or initial import', sample: 'reconciliation' },
      { name: 'error', description: 'The last error of the run (no secrets)', sample: 'Stripe answered 500 to GET /v1/customers' },
      link('Link to the staff sync runs page', 'https://backoffice.example/admin/billing/sync-runs'),
    ],
  },
  {
    key: 'billing-staff-digest',
    scope: 'tenant',
    name: 'Billing daily digest (staff)',
    description: 'Sent each morning to staff holding billing:read when there is something to report (settings: billingEmails.staffDigest): trials ending in 3 days, cancellations requested and payments failed in the last 24 hours',
    subject: '{{tenantName}} billing: {{trialsEnding}} trials ending, {{cancellations}} cancellations, {{failedPayments}} failed payments',
    text: 'Hello {{name}},\n\nBilling at {{tenantName}}, the last 24 hours and the next 3 days.\n\nTrials ending in the next 3 days: {{trialsEnding}}\n{{trialsList}}\n\nCancellations requested in the last 24 hours: {{cancellations}}\n{{cancellationsList}}\n\nPayments failed in the last 24 hours: {{failedPayments}}\n{{failedPaymentsList}}\n\nAll failed payments:\n{{link}}',
    html: '<p>Hello {{name}},</p>\n<p>Billing at {{tenantName}}, the last 24 hours and the next 3 days.</p>\n<h3>Trials ending in the next 3 days: {{trialsEnding}}</h3>\n<pre>{{trialsList}}</pre>\n<h3>Cancellations requested in the last 24 hours: {{cancellations}}</h3>\n<pre>{{cancellationsList}}</pre>\n<h3>Payments failed in the last 24 hours: {{failedPayments}}</h3>\n<pre>{{failedPaymentsList}}</pre>\n<p><a href="{{link}}">All failed payments</a></p>',
    variables: [
      name,
      { name: 'tenantName', description: 'Name of the business', sample: 'Acme Coaching' },
      { name: 'trialsEnding', description: 'How many trials end in the next 3 days', sample: '2' },
      { name: 'trialsList', description: 'Up to 20 of them, one a line: customer, trial end, link', sample: '- Ada Lovelace <ada@example.com>: trial ends Dec 9, 2026 https://backoffice.example/billing/subscriptions/sample' },
      { name: 'cancellations', description: 'How many cancellations were requested in the last 24 hours', sample: '1' },
      { name: 'cancellationsList', description: 'Up to 20 of them, one a line: customer, end of access, link', sample: '- Grace Hopper <grace@example.com>: ends Dec 31, 2026 https://backoffice.example/billing/subscriptions/sample' },
      { name: 'failedPayments', description: 'How many invoices had a failed payment in the last 24 hours', sample: '1' },
      { name: 'failedPaymentsList', description: 'Up to 20 of them, one a line: customer, amount due, attempts, link', sample: '- Alan Turing <alan@example.com>: €49.00, 2 attempts https://backoffice.example/billing/invoices/sample' },
      link('Link to the failed payments page', 'https://backoffice.example/billing/failed-payments'),
    ],
  },
  ...(['payment-failed', 'card-expiring', 'payment-final-notice'] as const).map((key) => DUNNING_TEMPLATES[key]),
  ...(['payment-receipt', 'trial-ending', 'renewal-reminder', 'subscription-canceled'] as const).map((key) => LIFECYCLE_TEMPLATES[key]),
] as const satisfies readonly EmailTemplateDefinition[];

export type EmailTemplateKey = (typeof EMAIL_TEMPLATE_CATALOG)[number]['key'];

/** The variables a template expects, by key: `send('invitation', {...})` does not compile without them. */
export type EmailTemplateVariables<K extends EmailTemplateKey> = Record<
  Extract<(typeof EMAIL_TEMPLATE_CATALOG)[number], { key: K }>['variables'][number]['name'],
  string
>;

export function findEmailTemplate(key: string): EmailTemplateDefinition | undefined {
  return EMAIL_TEMPLATE_CATALOG.find((template) => template.key === key);
}

/** Templates a tenant sees and may override. */
export function tenantEmailTemplates(): EmailTemplateDefinition[] {
  return EMAIL_TEMPLATE_CATALOG.filter((template) => template.scope === 'tenant');
}

/** Names of the variables that carry secrets (see EmailTemplateVariable.secret). */
export function secretVariableNames(template: EmailTemplateDefinition): ReadonlySet<string> {
  return new Set(template.variables.filter((variable) => variable.secret).map((variable) => variable.name));
}

export function sampleVariables(template: EmailTemplateDefinition): Record<string, string> {
  return Object.fromEntries(template.variables.map((variable) => [variable.name, variable.sample]));
}
