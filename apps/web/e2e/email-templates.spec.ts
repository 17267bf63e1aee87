import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

// A tenant of its own, so that the emails other tests read keep their default wording.
test('an owner edits a template with a live preview, saves it, sends a test and resets it', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Templates');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Email templates' }).click();
  const row = page.getByTestId('email-template-row').filter({ hasText: 'Webhook endpoint disabled' });
  await expect(row.getByTestId('default-badge')).toBeVisible();
  await row.getByRole('link', { name: 'Webhook endpoint disabled' }).click();

  const subject = page.getByRole('textbox', { name: 'Subject' });
  const previewSubject = page.getByTestId('preview-subject');
  await expect(previewSubject).toHaveText('A webhook endpoint of Acme Coaching was disabled');

  // A variable button inserts its placeholder where the cursor is; the preview follows.
  await subject.fill('Endpoint down at {{tenantName}}: ');
  await page.getByRole('button', { name: '{{url}}' }).click();
  await expect(subject).toHaveValue('Endpoint down at {{tenantName}}: {{url}}');
  await expect(previewSubject).toHaveText('Endpoint down at Acme Coaching: https://hooks.example.com/backoffice');

  // An unknown variable is a template error, shown beside the field.
  await subject.fill('Endpoint down {{nope}}');
  await expect(page.getByText(/nope/).first()).toBeVisible();
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  await subject.fill('Endpoint down at {{tenantName}}');
  await expect(previewSubject).toHaveText('Endpoint down at Acme Coaching');
  await expect(subject).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('overridden-badge')).toBeVisible();
  await expect(subject).toHaveValue('Endpoint down at {{tenantName}}');

  await page.getByRole('button', { name: 'Send test' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a test email' });
  await dialog.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByText(`Test email queued for ${tenant.ownerEmail}.`)).toBeVisible();

  await page.getByRole('link', { name: '← Email templates' }).click();
  await expect(row.getByTestId('overridden-badge')).toBeVisible();
  await page.getByRole('link', { name: 'Email log' }).click();
  const message = page.getByTestId('email-message-row').filter({ hasText: '[Test] Endpoint down at Acme Coaching' }).first();
  await expect(message).toBeVisible();
  await expect(message.getByTestId('status-badge')).toHaveText('sent', { timeout: 20_000 });

  await page.getByRole('link', { name: '← Email templates' }).click();
  await row.getByRole('link', { name: 'Webhook endpoint disabled' }).click();
  await page.getByRole('button', { name: 'Reset to default' }).click();
  await page.getByRole('dialog', { name: 'Reset to default' }).getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('default-badge')).toBeVisible();
  await expect(subject).toHaveValue('A webhook endpoint of {{tenantName}} was disabled');
});
