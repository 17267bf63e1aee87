import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('platform staff create a plan for tenants; a tenant owner sees it with its limits on the usage page and opens its checkout', async ({ page, browser, request }) => {
  const planName = `Growth ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await login(page, 'admin@demo.test');
  await navigation(page).getByRole('link', { name: 'Plans for tenants' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\/plans$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plans for tenants');

  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'New plan for tenants' });
  await dialog.getByRole('combobox', { name: 'Grants the plan' }).click();
  await page.getByRole('option', { name: 'pro' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(planName);
  await dialog.getByRole('textbox', { name: 'Features' }).fill('Priority support\nCustom domain');
  await dialog.getByRole('textbox', { name: 'Monthly price' }).fill('49');
  await dialog.getByRole('textbox', { name: 'Annual price' }).fill('490');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/billing/plans') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  const plan = (await (await created).json()) as { id: string; stripeId: string; prices: Array<{ id: string; stripeId: string; interval: string }> };
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('platform-plan-row').filter({ hasText: planName });
  await expect(row).toContainText('pro');
  await expect(row).toContainText('100 members');
  await expect(row).toContainText('$49.00 / month');
  await expect(row).toContainText('$490.00 / year');
  const products = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === '/v1/products' && r.body.name === planName);
  expect(products).toHaveLength(1);
  expect(products[0].stripeAccount).toBeNull();

  // The owner of a fresh business sees the plan on the usage page and its Upgrade button opens Stripe Checkout.
  const tenant = await signUpTenant(request, 'Plan buyer');
  const owner = await browser.newPage();
  try {
    await login(owner, tenant.ownerEmail, NEW_PASSWORD);
    await owner.goto('/usage');
    const card = owner.getByTestId('plan-card').filter({ hasText: planName });
    await expect(card).toContainText('Priority support');
    await expect(card).toContainText('100 members');
    const monthly = plan.prices.find((p) => p.interval === 'month')!;
    await card.getByRole('button', { name: `Upgrade to ${planName}, monthly` }).click();
    // The e2e server's fake Stripe serves the session's Checkout page itself.
    await expect(owner).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_/);
    await expect(owner.getByRole('heading', { name: 'Stripe Checkout (test)' })).toBeVisible();
    const sessions = (await fakeStripeRequests(request)).filter(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.body.client_reference_id === tenant.id,
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0].stripeAccount).toBeNull();
    expect(sessions[0].body).toMatchObject({ mode: 'subscription', line_items: [{ price: monthly.stripeId }] });
  } finally {
    await owner.close();
  }
});
