import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { seedCustomer } from './billing-seed';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const HOSTED_PAGE = '<!doctype html><html lang="en"><head><title>Invoice</title></head><body><main><h1>Stripe invoice</h1></main></body></html>';

test('a draft invoice is finalized, collected and opened on its hosted page; each action one keyed Stripe call', async ({ page, request, context }) => {
  const tenant = await signUpTenant(request, 'Invoices');
  const customer = await seedCustomer(request, tenant, 'Fay');
  const created = await request.post('/api/v1/billing/invoices', {
    headers: { Authorization: `Bearer ${tenant.token}` },
    data: { customerId: customer.id, currency: 'EUR', collectionMethod: 'send_invoice', daysUntilDue: 14, lines: [{ description: 'Workshop seat', unitAmount: 4500, quantity: 2 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const invoice = (await created.json()) as { id: string; stripeId: string };

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Invoices' }).click();
  await expect(page).toHaveURL(/\/billing\/invoices$/);
  await expect(page).toHaveTitle(`Invoices · ${tenant.name} · Back office`);
  const rows = page.getByTestId('invoice-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Fay');
  await expect(rows.first()).toContainText('€90.00');
  // The status filter is kept in the URL.
  const statusFilter = page.getByRole('radiogroup', { name: 'Filter invoices by status' });
  await statusFilter.getByText('Paid', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=paid(&|$)/);
  await expect(page.getByTestId('empty-state')).toContainText('No invoice matches these filters');
  await statusFilter.getByText('Draft', { exact: true }).click();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('link', { name: 'Draft' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Draft invoice');
  await expect(page.getByTestId('invoice-line')).toContainText('Workshop seat');
  await expect(page.getByRole('button', { name: 'Open hosted page' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Finalize' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalize invoice' });
  await confirm.getByRole('button', { name: 'Finalize' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Invoice FAKE-/);
  await expect(page.getByTestId('invoice-facts').getByTestId('status-badge')).toHaveText('open');

  await page.getByRole('button', { name: 'Pay now' }).click();
  const pay = page.getByRole('dialog', { name: 'Collect payment now' });
  await expect(pay).toContainText('€90.00');
  await pay.getByRole('button', { name: 'Pay now' }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('invoice-facts').getByTestId('status-badge')).toHaveText('paid');
  await expect(page.getByRole('button', { name: 'Void' })).toHaveCount(0);

  const calls = (await fakeStripeRequests(request)).filter((r) => r.path.startsWith(`/v1/invoices/${invoice.stripeId}/`));
  expect(calls.map((r) => r.path)).toEqual([`/v1/invoices/${invoice.stripeId}/finalize`, `/v1/invoices/${invoice.stripeId}/pay`]);
  for (const call of calls) expect(call.idempotencyKey).toMatch(/^bo:[\w.-]+:[0-9a-f]{40}$/);

  // The hosted page opens in a new tab at the address Stripe gives (served here by a stand-in).
  await context.route('**/i/in_*', (route) => route.fulfill({ contentType: 'text/html', body: HOSTED_PAGE }));
  const tab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open hosted page' }).click();
  const hosted = await tab;
  await hosted.waitForURL(new RegExp(`/i/${invoice.stripeId}$`));
  await expect(hosted.getByRole('heading', { name: 'Stripe invoice' })).toBeVisible();
});
