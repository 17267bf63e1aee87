import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { seedProduct } from './billing-seed';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('create a coupon: restricted to a product, listed, a promotion code added and deactivated; each change a keyed Stripe call', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Coupons');
  await seedProduct(request, tenant, 'Coaching', [{ unitAmount: 4500, interval: 'month' }]);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Coupons' }).click();
  await expect(page).toHaveURL(/\/billing\/coupons$/);
  await expect(page).toHaveTitle(`Coupons · ${tenant.name} · Back office`);
  await expect(page.getByTestId('empty-state')).toContainText('No coupons yet');

  await page.getByRole('button', { name: 'New coupon' }).click();
  const form = page.getByRole('dialog', { name: 'New coupon' });
  // Checked before anything is sent: a name, a percentage in range, months for a repeating duration.
  await form.getByLabel('Percent off').fill('120');
  await form.getByRole('combobox', { name: 'Duration' }).click();
  await page.getByRole('option', { name: 'A number of months' }).click();
  await form.getByLabel('Months').fill('40');
  await form.getByRole('button', { name: 'Create coupon' }).click();
  await expect(form).toContainText('Give the coupon a name');
  await expect(form).toContainText('A percentage above 0 and at most 100, up to 2 decimals');
  await expect(form).toContainText('From 1 to 36 months');
  expect((await fakeStripeRequests(request)).filter((r) => r.path === '/v1/coupons')).toHaveLength(0);

  await form.getByLabel('Name').fill('Spring sale');
  await form.getByLabel('Percent off').fill('25');
  await form.getByLabel('Months').fill('3');
  await form.getByLabel('Max redemptions').fill('100');
  await form.getByRole('combobox', { name: 'Restricted to products' }).click();
  await page.getByRole('option', { name: 'Coaching' }).click();
  await form.getByRole('heading', { name: 'New coupon' }).click(); // closes the product list
  await form.getByRole('button', { name: 'Create coupon' }).click();
  await expect(form).toBeHidden();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spring sale');
  await expect(page.getByText('25% off')).toBeVisible();
  await expect(page.getByText('3 months')).toBeVisible();
  await expect(page.getByText('0 of 100 (0 through promotion codes)')).toBeVisible();
  const created = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === '/v1/coupons');
  expect(created).toHaveLength(1);
  expect(created[0].body).toMatchObject({ name: 'Spring sale', percent_off: 25, duration: 'repeating', duration_in_months: 3, max_redemptions: 100, applies_to: { products: [expect.stringMatching(/^prod_/)] } });
  expect(created[0].idempotencyKey).toMatch(/^bo:[\w.-]+:[0-9a-f]{40}$/);

  await page.getByRole('link', { name: '← Coupons' }).click();
  const rows = page.getByTestId('coupon-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Spring sale');
  await expect(rows.first()).toContainText('25% off');
  await expect(rows.first()).toContainText('0 of 100');
  await page.getByRole('radiogroup', { name: 'Filter coupons by validity' }).getByText('Invalid', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]valid=invalid(&|$)/);
  await expect(page.getByTestId('empty-state')).toContainText('No invalid coupon');
  await page.getByRole('radiogroup', { name: 'Filter coupons by validity' }).getByText('Valid', { exact: true }).click();
  await rows.first().getByRole('link', { name: 'Spring sale' }).click();

  await expect(page.getByTestId('empty-state')).toContainText('No promotion codes');
  await page.getByRole('button', { name: 'New promotion code' }).click();
  const codeForm = page.getByRole('dialog', { name: 'New promotion code' });
  await codeForm.getByLabel('Code').fill('ab');
  await codeForm.getByRole('button', { name: 'Create code' }).click();
  await expect(codeForm).toContainText('3 to 40 upper-case letters or digits');
  await codeForm.getByLabel('Code').fill('spring25');
  await expect(codeForm.getByLabel('Code')).toHaveValue('SPRING25');
  await codeForm.getByLabel('Max redemptions').fill('10');
  await codeForm.getByLabel('First-time customers only').check();
  await codeForm.getByLabel('Minimum order amount').check();
  await codeForm.getByLabel('Minimum amount').fill('20');
  await codeForm.getByRole('button', { name: 'Create code' }).click();
  await expect(codeForm).toBeHidden();
  const code = page.getByTestId('promotion-code-row');
  await expect(code).toHaveCount(1);
  await expect(code).toContainText('SPRING25');
  await expect(code).toContainText('0 of 10');
  await expect(code).toContainText('First-time customers');
  await expect(code.getByTestId('status-badge')).toHaveText('active');
  const codeCall = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === '/v1/promotion_codes');
  expect(codeCall).toHaveLength(1);
  expect(codeCall[0].body).toMatchObject({ code: 'SPRING25', max_redemptions: 10, restrictions: { first_time_transaction: true, minimum_amount: 2000 } });

  await code.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate promotion code' });
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(confirm).toBeHidden();
  await expect(code.getByTestId('status-badge')).toHaveText('inactive');
  await expect(code.getByRole('button', { name: 'Activate' })).toBeVisible();

  // Never redeemed: deactivating the coupon deletes it in Stripe.
  await page.getByRole('button', { name: 'Deactivate' }).first().click();
  const deactivate = page.getByRole('dialog', { name: 'Deactivate coupon' });
  await expect(deactivate).toContainText('was never redeemed');
  await deactivate.getByRole('button', { name: 'Deactivate' }).click();
  await expect(deactivate).toBeHidden();
  await expect(page.getByTestId('status-badge').first()).toHaveText('deactivated');
  await expect(page.getByRole('button', { name: 'New promotion code' })).toHaveCount(0);
  expect((await fakeStripeRequests(request)).filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/coupons/'))).toHaveLength(1);
});
