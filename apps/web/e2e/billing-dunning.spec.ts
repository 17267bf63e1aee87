import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, ownerQuery, signUpTenant, test } from './fixtures';
import { seedCustomer } from './billing-seed';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('the failed-payments list shows why a payment failed and the recovery, and staff send one reminder', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Dunning');
  const customer = await seedCustomer(request, tenant, 'Gus');
  const auth = { Authorization: `Bearer ${tenant.token}` };
  const created = await request.post('/api/v1/billing/invoices', {
    headers: auth,
    data: { customerId: customer.id, currency: 'EUR', collectionMethod: 'charge_automatically', lines: [{ description: 'Monthly coaching', unitAmount: 4900 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const invoice = (await created.json()) as { id: string };
  const finalized = await request.post(`/api/v1/billing/invoices/${invoice.id}/finalize`, { headers: auth, data: {} });
  expect(finalized.status(), await finalized.text()).toBe(200);
  // Stripe tried twice and will try again in two days (as its invoice.payment_failed events would say).
  await ownerQuery(`update billing_invoices set attempt_count = 2, next_payment_attempt = now() + interval '2 days' where id = $1`, [invoice.id]);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Failed payments' }).click();
  await expect(page).toHaveURL(/\/billing\/failed-payments$/);
  await expect(page.getByTestId('stat-failing')).toContainText('1');
  await expect(page.getByTestId('stat-failing')).toContainText('€49.00');
  await expect(page.getByTestId('stat-recovery-rate')).toContainText('—');
  const row = page.getByTestId('failed-payment-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Gus');
  await expect(row).toContainText('€49.00');
  await expect(row.getByTestId('reminders')).toHaveText('None');

  await row.getByRole('button', { name: 'Send reminder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a payment reminder' });
  await expect(dialog).toContainText(customer.email);
  await dialog.getByRole('button', { name: 'Send reminder' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('reminders')).toContainText('1 ·');
  const [sent] = await ownerQuery<{ template_key: string }>(`select template_key from email_messages where tenant_id = $1 and to_address = $2`, [tenant.id, customer.email]);
  expect(sent.template_key).toBe('payment-failed');

  // A second one within the hour is refused, and the page says why.
  await row.getByRole('button', { name: 'Send reminder' }).click();
  await dialog.getByRole('button', { name: 'Send reminder' }).click();
  await expect(dialog.getByRole('alert')).toContainText('less than 60 minutes ago');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

  // Retrying now is the invoice's own pay action.
  await row.getByRole('link', { name: 'Retry now' }).click();
  await expect(page).toHaveURL(new RegExp(`/billing/invoices/${invoice.id}$`));
});
