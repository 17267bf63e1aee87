import type { Page } from '@playwright/test';
import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';
import { seedCustomer, seedPayment } from './billing-seed';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('refund part of a payment: the policy pre-fills the amount, more than is left is refused, the refund and the new refundable amount show', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Payments');
  const customer = await seedCustomer(request, tenant, 'Hal');
  const payment = await seedPayment(request, tenant, { customer, amount: 8000, description: 'Spring workshop' });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page).toHaveURL(/\/billing\/payments$/);
  await expect(page).toHaveTitle(`Payments · ${tenant.name} · Back office`);
  const rows = page.getByTestId('payment-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Hal');
  await expect(rows.first()).toContainText('€80.00');
  // The refunds filter is kept in the URL: nothing is refunded yet.
  await page.getByRole('combobox', { name: 'Refunds' }).click();
  await page.getByRole('option', { name: 'Refunded (in part or in full)' }).click();
  await expect(page).toHaveURL(/[?&]refunded=true(&|$)/);
  await expect(page.getByTestId('empty-state')).toContainText('No payment matches these filters');
  await page.goto('/billing/payments');
  await rows.first().getByRole('link', { name: '€80.00' }).click();

  await expect(page).toHaveURL(new RegExp(`/billing/payments/${payment.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment of €80.00');
  await expect(page.getByTestId('payment-facts')).toContainText('visa ···· 4242 (12/31)');
  await expect(page.getByTestId('payment-refundable')).toHaveText('€80.00');
  await expect(page.getByText('No refunds.')).toBeVisible();

  await page.getByRole('button', { name: 'Refund' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund payment' });
  // The default policy: everything left within 30 days.
  await expect(dialog.getByTestId('refund-policy')).toContainText('Within the refund window (30 days)');
  const amount = dialog.getByRole('textbox', { name: 'Amount' });
  await expect(amount).toHaveValue('80.00');
  // Over the limit: the form says so and does not send.
  await amount.fill('80.01');
  await expect(dialog).toContainText('At most €80.00 is left to refund.');
  await expect(dialog.getByRole('button', { name: 'Refund' })).toBeDisabled();
  await amount.fill('25');
  await dialog.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Duplicate payment' }).click();
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Charged twice for one seat');
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('payment-refundable')).toHaveText('€55.00');
  const refund = page.getByTestId('payment-refund');
  await expect(refund).toHaveCount(1);
  await expect(refund).toContainText('€25.00');
  await expect(refund).toContainText('succeeded');
  await expect(refund).toContainText('Duplicate payment');
  await expect(refund).toContainText('Charged twice for one seat');
  const refunds = (await fakeStripeRequests(request)).filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === payment.stripeId);
  expect(refunds).toHaveLength(1);
  expect(refunds[0].body).toMatchObject({ amount: 2500, reason: 'duplicate' });
  expect(refunds[0].idempotencyKey).toMatch(/^bo:[\w.-]+:[0-9a-f]{40}$/);

  // Someone else refunds €50 while the form is open: the server refuses the €55 the form still offers.
  await page.getByRole('button', { name: 'Refund' }).click();
  await expect(amount).toHaveValue('55.00');
  const meanwhile = await request.post(`/api/v1/billing/payments/${payment.id}/refunds`, {
    headers: { Authorization: `Bearer ${tenant.token}` },
    data: { amount: 5000, reason: 'requested_by_customer' },
  });
  expect(meanwhile.status(), await meanwhile.text()).toBe(201);
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog.getByTestId('refund-exceeds')).toContainText('Only €5.00 is left to refund now');
  await expect(dialog).toContainText('At most €5.00 is left to refund.');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(page.getByTestId('payment-refundable')).toHaveText('€5.00');
  await expect(page.getByTestId('payment-refund')).toHaveCount(2);
  expect((await fakeStripeRequests(request)).filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === payment.stripeId)).toHaveLength(2);
});

test('a refund above the approval threshold waits for a second staff member: its requester cannot approve it, another admin does', async ({ page, request, browser }) => {
  const tenant = await signUpTenant(request, 'FourEyes');
  const customer = await seedCustomer(request, tenant, 'Joe');
  const payment = await seedPayment(request, tenant, { customer, amount: 30000, description: 'Annual coaching' });
  const saved = await request.patch('/api/v1/tenant', { headers: { Authorization: `Bearer ${tenant.token}` }, data: { settings: { refundApprovalThreshold: 10000 } } });
  expect(saved.status(), await saved.text()).toBe(200);
  const adminEmail = uniqueEmail('refund-admin');
  await createMemberThroughApi(request, tenant, adminEmail, ['admin']);
  const stripeRefunds = async () => (await fakeStripeRequests(request)).filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === payment.stripeId);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/payments/${payment.id}`);
  await page.getByRole('button', { name: 'Refund' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund payment' });
  await expect(dialog.getByRole('textbox', { name: 'Amount' })).toHaveValue('300.00');
  await expect(dialog.getByTestId('refund-needs-approval')).toContainText('Above €100.00');
  await dialog.getByRole('button', { name: 'Request refund' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('payment-refund-waiting')).toContainText("A refund of €300.00 awaits a second staff member's approval");
  await expect(page.getByTestId('payment-refundable')).toHaveText('€0.00');
  expect(await stripeRefunds()).toHaveLength(0);

  // Its requester sees it, but may not approve it.
  await navigation(page).getByRole('link', { name: 'Refund requests' }).click();
  await expect(page).toHaveTitle(`Refund requests · ${tenant.name} · Back office`);
  const row = page.getByTestId('refund-request-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('€300.00');
  await expect(row.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(row.getByTestId('four-eyes-note')).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, adminEmail, NEW_PASSWORD);
  await admin.goto('/billing/refund-requests');
  const adminRow = admin.getByTestId('refund-request-row');
  await expect(adminRow).toContainText('FourEyes Owner');
  await adminRow.getByRole('button', { name: 'Approve' }).click();
  const approve = admin.getByRole('dialog', { name: 'Approve refund' });
  await approve.getByRole('button', { name: 'Approve and refund' }).click();
  await expect(approve).toBeHidden();
  await expect(admin.getByTestId('empty-state')).toContainText('No refund awaits approval');
  await admin.getByRole('radiogroup', { name: 'Show refund requests' }).getByText('Decided', { exact: true }).click();
  await expect(admin).toHaveURL(/[?&]view=decided(&|$)/);
  await expect(adminRow).toHaveCount(1);
  await expect(adminRow).toContainText('sent');
  await expect(adminRow).toContainText('Approved by E2E Member');
  await adminContext.close();

  const refunds = await stripeRefunds();
  expect(refunds).toHaveLength(1);
  expect(refunds[0].body).toMatchObject({ amount: 30000 });
});

test('add a credit to a customer: the balance, its history and the timeline show it', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Credits');
  const customer = await seedCustomer(request, tenant, 'Ivy');

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ivy');
  await expect(page.getByTestId('customer-balance')).toHaveText('No balance');
  const credits = page.getByRole('region', { name: 'Credit balance' });
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(credits.getByTestId('empty-state')).toContainText('No balance changes');
  await expect(timeline.getByTestId('empty-state')).toContainText('Nothing happened yet');

  await page.getByRole('button', { name: 'Add or remove credit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Adjust credit balance' });
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('15');
  await expect(dialog.getByRole('button', { name: 'Add credit' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Goodwill for the outage');
  await dialog.getByRole('button', { name: 'Add credit' }).click();
  await expect(dialog).toBeHidden();

  // The business's currency (USD), as the customer has none of their own yet.
  await expect(page.getByTestId('customer-balance')).toHaveText('$15.00 credit available');
  const transaction = credits.getByTestId('balance-transaction');
  await expect(transaction).toHaveCount(1);
  await expect(transaction).toContainText('+$15.00 credit');
  await expect(transaction).toContainText('Goodwill for the outage');
  const entry = timeline.getByTestId('timeline-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Credit balance adjusted');
  await expect(entry).toContainText(tenant.ownerEmail);

  const calls = (await fakeStripeRequests(request)).filter((r) => r.path === `/v1/customers/${customer.stripeId}/balance_transactions` && r.method === 'POST');
  expect(calls).toHaveLength(1);
  expect(calls[0].body).toMatchObject({ amount: -1500, currency: 'usd' });
  expect(calls[0].idempotencyKey).toMatch(/^bo:[\w.-]+:[0-9a-f]{40}$/);
});
