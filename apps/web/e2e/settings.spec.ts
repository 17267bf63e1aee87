import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

// A tenant of its own, so that the flags other tests rely on (webhooks.outgoing) never change under them.
test('an owner changes settings, overrides a feature flag and sees integration status', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Settings');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

  await expect(page.getByTestId('platform-fee')).toHaveText(/%$/);
  await expect(page.getByLabel('Platform fee')).toHaveCount(0);

  const colour = page.getByRole('textbox', { name: 'Primary colour' });
  await colour.fill('#12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('A colour as #rrggbb')).toBeVisible();
  await colour.fill('#3355ff');
  await page.getByRole('textbox', { name: 'Keep audit log for' }).fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Keep audit log for' })).toHaveValue('45 days');
  await expect(colour).toHaveValue('#3355ff');

  const flag = page.getByTestId('feature-flag-row').filter({ hasText: 'sessions.concierge' });
  await expect(flag.getByRole('switch')).not.toBeChecked();
  await flag.getByRole('switch', { name: 'Turn sessions.concierge on' }).click();
  await expect(flag.getByRole('switch')).toBeChecked();
  await expect(flag).toContainText('set here');
  await flag.getByRole('button', { name: 'Reset to default' }).click();
  await expect(flag.getByRole('switch')).not.toBeChecked();
  await expect(flag).toContainText('inherited');

  const integrations = page.getByTestId('integration-status');
  await expect(integrations.getByTestId('integration-database')).toContainText('ok');
  await expect(integrations.getByTestId('integration-redis')).toContainText('ok');
  await expect(integrations.getByTestId('integration-stripe')).toBeVisible();
  await expect(integrations.getByTestId('integration-email')).toContainText('file');
});

test('an owner chooses the dunning policy and the billing emails', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Dunning settings');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const billing = page.getByTestId('billing-settings');
  const policy = billing.getByRole('combobox', { name: 'After the last failed payment attempt' });
  await expect(policy).toHaveValue(/Do nothing/);
  await policy.click();
  await page.getByRole('option', { name: /Suspend the member/ }).click();
  await billing.getByRole('switch', { name: /^Card expiring/ }).click();
  await billing.getByRole('switch', { name: /^Daily digest to staff/ }).click();
  await billing.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText('Billing settings saved.')).toBeVisible();
  await page.reload();
  await expect(policy).toHaveValue(/Suspend the member/);
  await expect(billing.getByRole('switch', { name: /^Card expiring/ })).toBeChecked();
  await expect(billing.getByRole('switch', { name: /^Daily digest to staff/ })).toBeChecked();
  await expect(billing.getByRole('switch', { name: /^Payment receipts/ })).not.toBeChecked();
});

test('an owner sets the refund policy and the approval threshold', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Refund settings');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const billing = page.getByTestId('billing-settings');
  const windowDays = billing.getByRole('textbox', { name: 'Refund window' });
  const mode = billing.getByRole('combobox', { name: 'Suggested refund' });
  const threshold = billing.getByRole('textbox', { name: 'Approval needed above' });
  await expect(windowDays).toHaveValue('30 days');
  await expect(mode).toHaveValue(/Everything not yet refunded/);
  await expect(threshold).toHaveValue('');
  await expect(billing.getByText(/Empty: no refund needs approval/)).toBeVisible();

  await windowDays.fill('14');
  await mode.click();
  await page.getByRole('option', { name: /pro-rated/ }).click();
  await threshold.fill('12.345');
  await expect(billing.getByText(/^Not an amount in [A-Z]{3}/)).toBeVisible();
  await billing.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText('Billing settings saved.')).toHaveCount(0);
  await threshold.fill('250');
  await expect(billing.getByText(/^Refunds above .*250.* wait for a second staff member's approval$/)).toBeVisible();
  await billing.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText('Billing settings saved.')).toBeVisible();

  await page.reload();
  await expect(windowDays).toHaveValue('14 days');
  await expect(mode).toHaveValue(/pro-rated/);
  await expect(threshold).toHaveValue(/^250(\.0+)?$/);

  // Emptied, no refund needs approval any more.
  await threshold.fill('');
  await billing.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText('Billing settings saved.').last()).toBeVisible();
  await page.reload();
  await expect(threshold).toHaveValue('');
  await expect(windowDays).toHaveValue('14 days');
});

test('platform staff see the platform defaults and feature flag defaults', async ({ page }) => {
  await login(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platform settings' }).click();
  await expect(page.getByRole('heading', { name: 'Platform settings' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Default platform fee' })).toHaveValue(/ %$/);
  await expect(page.getByRole('textbox', { name: 'Default currency' })).toHaveValue(/^[A-Z]{3}$/);
  await expect(page.getByTestId('platform-feature-flags').getByTestId('feature-flag-row')).toHaveCount(6);
  await expect(page.getByTestId('integration-database')).toContainText('ok');
});

test('a tenant owner has no platform settings', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'No platform settings');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await expect(page.getByRole('link', { name: 'Platform settings' })).toHaveCount(0);
  await page.goto('/admin/settings');
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
});
