import type { Page } from '@playwright/test';
import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';
import { seedCustomer, seedProduct, seedSubscription } from './billing-seed';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('filter subscriptions by status, cancellation and customer; the filters stay in the URL and the stats follow them', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Subscriptions');
  const product = await seedProduct(request, tenant, 'Coaching', [
    { unitAmount: 1000, interval: 'month' },
    { unitAmount: 12000, interval: 'year' },
  ]);
  const [monthly, yearly] = product.prices;
  const [ann, bob, cleo] = [await seedCustomer(request, tenant, 'Ann'), await seedCustomer(request, tenant, 'Bob'), await seedCustomer(request, tenant, 'Cleo')];
  await seedSubscription(request, tenant, { customer: ann, product, price: monthly });
  await seedSubscription(request, tenant, { customer: bob, product, price: monthly, status: 'trialing' });
  await seedSubscription(request, tenant, { customer: cleo, product, price: yearly, cancelAtPeriodEnd: true });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Subscriptions' }).click();
  await expect(page).toHaveURL(/\/billing\/subscriptions$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subscriptions');
  await expect(page).toHaveTitle(`Subscriptions · ${tenant.name} · Back office`);
  const rows = page.getByTestId('subscription-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('stat-total')).toContainText('3');
  await expect(page.getByTestId('stat-active')).toContainText('2');
  await expect(page.getByTestId('stat-trialing')).toContainText('1');
  // €10 a month and €120 a year: €20.00 of MRR; the trial brings none yet.
  await expect(page.getByTestId('stat-mrr')).toContainText('€20.00');

  // Status: trialing only.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Trialing' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]status=trialing(&|$)/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bob');
  await expect(page.getByTestId('stat-total')).toContainText('1');
  await expect(page.getByTestId('stat-mrr')).toContainText('—');

  // A reload keeps the filter; cancel-at-period-end picks the yearly one once the status filter is cleared.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bob');
  await page.goto('/billing/subscriptions?cancelAtPeriodEnd=true');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Cleo');
  await expect(rows.first()).toContainText('Cancels at period end');
  await expect(page.getByRole('combobox', { name: 'Cancellation' })).toHaveValue('Cancels at period end');

  // Customer search, with the cancellation filter cleared through its own control.
  await page.goto('/billing/subscriptions');
  await page.getByRole('textbox', { name: 'Customer' }).fill('ann');
  await expect(page).toHaveURL(/[?&]q=ann(&|$)/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ann');
  // The navigation's link is the bare list again: the search box follows.
  await navigation(page).getByRole('link', { name: 'Subscriptions' }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('textbox', { name: 'Customer' })).toHaveValue('');
  // Past the search's pause (300 ms): the old text is not sent back.
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/billing\/subscriptions$/);

  // Nothing matches: the empty state says why.
  await page.goto('/billing/subscriptions?status=past_due');
  await expect(page.getByTestId('empty-state')).toContainText('No subscription matches these filters');
});

test('change plan with preview: the proration Stripe would charge is shown before confirming, and the change sends its prorationDate', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Change plan');
  const product = await seedProduct(request, tenant, `Coaching ${Date.now().toString(36)}`, [
    { unitAmount: 1000, interval: 'month' },
    { unitAmount: 2500, interval: 'month' },
  ]);
  const [basic, premium] = product.prices;
  const customer = await seedCustomer(request, tenant, 'Dora');
  const subscription = await seedSubscription(request, tenant, { customer, product, price: basic });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/subscriptions/${subscription.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dora');
  await expect(page.getByTestId('subscription-item')).toContainText('€10.00 / month');
  await expect(page.getByTestId('subscription-customer')).toHaveAttribute('href', `/billing/customers/${customer.id}`);
  await expect(page.getByTestId('subscription-invoices').getByTestId('empty-state')).toContainText('No invoices yet');

  await page.getByRole('button', { name: 'Change plan', exact: true }).click();
  const modal = page.getByRole('dialog', { name: 'Change plan' });
  await expect(modal.getByRole('button', { name: 'Change plan', exact: true })).toBeDisabled();
  const preview = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith(`/subscriptions/${subscription.id}/change-preview`));
  await modal.getByRole('combobox', { name: 'New price' }).click();
  // The current price is not offered; the other recurring EUR price is.
  await expect(page.getByRole('option', { name: /€10\.00 \/ month/ })).toHaveCount(0);
  await page.getByRole('option', { name: /€25\.00 \/ month/ }).click();
  const answered = await preview;
  expect(answered.status()).toBe(200);
  const shown = (await answered.json()) as { prorationDate: string; amountDue: number; lines: unknown[] };
  expect(shown.lines).toHaveLength(3);
  expect(shown.amountDue).toBeGreaterThan(0);
  await expect(modal.getByTestId('change-preview-amount')).toHaveText(`Charged now: €${(shown.amountDue / 100).toFixed(2)}`);
  await expect(modal.getByTestId('change-preview-line')).toHaveCount(3);

  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/subscriptions/${subscription.id}/change-plan`));
  await modal.getByRole('button', { name: 'Change plan', exact: true }).click();
  const post = await sent;
  expect(post.headers()['idempotency-key']).toMatch(UUID);
  await expect(modal).toBeHidden();
  await expect(page.getByTestId('subscription-item')).toContainText('€25.00 / month');

  // Stripe was asked for the change at the preview's time, so it charges what the preview showed.
  const calls = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscription.stripeId}`);
  expect(calls).toHaveLength(1);
  expect(calls[0].body).toMatchObject({ items: [{ price: premium.stripeId }], proration_date: Math.floor(Date.parse(shown.prorationDate) / 1000) });
  // Our operation's key, derived from the page's Idempotency-Key.
  expect(calls[0].idempotencyKey).toMatch(/^bo:[\w.-]+:[0-9a-f]{40}$/);
});

test('cancel at period end with a reason, then undo it; a viewer sees no actions', async ({ page, request, browser }) => {
  const tenant = await signUpTenant(request, 'Cancel');
  const product = await seedProduct(request, tenant, 'Coaching', [{ unitAmount: 1000, interval: 'month' }]);
  const customer = await seedCustomer(request, tenant, 'Eve');
  const subscription = await seedSubscription(request, tenant, { customer, product, price: product.prices[0] });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/subscriptions/${subscription.id}`);
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  const modal = page.getByRole('dialog', { name: 'Cancel subscription' });
  await modal.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Too expensive' }).click();
  await modal.getByRole('textbox', { name: 'Feedback' }).fill('Cheaper elsewhere');
  await modal.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(modal).toBeHidden();
  await expect(page.getByTestId('subscription-cancel-scheduled')).toBeVisible();
  const calls = (await fakeStripeRequests(request)).filter((r) => r.path === `/v1/subscriptions/${subscription.stripeId}`);
  expect(calls.map((c) => c.body)).toEqual([{ cancel_at_period_end: true, cancellation_details: { feedback: 'too_expensive', comment: 'Cheaper elsewhere' } }]);

  await page.getByRole('button', { name: 'Undo cancellation' }).click();
  await page.getByRole('dialog', { name: 'Undo cancellation' }).getByRole('button', { name: 'Keep the subscription' }).click();
  await expect(page.getByTestId('subscription-cancel-scheduled')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo cancellation' })).toHaveCount(0);

  // A viewer reads the subscription but is offered no action.
  const viewer = uniqueEmail('subscription-viewer');
  await createMemberThroughApi(request, tenant, viewer, ['viewer']);
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await login(viewerPage, viewer, NEW_PASSWORD);
  await viewerPage.goto(`/billing/subscriptions/${subscription.id}`);
  await expect(viewerPage.getByRole('heading', { level: 1 })).toContainText('Eve');
  await expect(viewerPage.getByTestId('subscription-item')).toContainText('€10.00 / month');
  await expect(viewerPage.getByRole('button', { name: 'Cancel subscription' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Change plan', exact: true })).toHaveCount(0);
  await viewerContext.close();
});

test('pause and resume collection, then push the next billing date with a date input', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Pause');
  const product = await seedProduct(request, tenant, 'Coaching', [{ unitAmount: 1000, interval: 'month' }]);
  const customer = await seedCustomer(request, tenant, 'Gus');
  const subscription = await seedSubscription(request, tenant, { customer, product, price: product.prices[0] });
  const stripeCalls = async () => (await fakeStripeRequests(request)).filter((r) => r.path === `/v1/subscriptions/${subscription.stripeId}`).map((r) => r.body);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/subscriptions/${subscription.id}`);
  await page.getByRole('button', { name: 'Pause collection' }).click();
  await page.getByRole('dialog', { name: 'Pause payment collection' }).getByRole('button', { name: 'Pause collection' }).click();
  await expect(page.getByTestId('subscription-paused')).toBeVisible();
  await page.getByRole('button', { name: 'Resume collection' }).click();
  await page.getByRole('dialog', { name: 'Resume collection' }).getByRole('button', { name: 'Resume collection' }).click();
  await expect(page.getByTestId('subscription-paused')).toHaveCount(0);
  expect(await stripeCalls()).toEqual([{ pause_collection: { behavior: 'void' } }, { pause_collection: '' }]);

  await page.getByRole('button', { name: 'Push billing date' }).click();
  const extend = page.getByRole('dialog', { name: 'Push the next billing date' });
  const field = extend.getByRole('textbox', { name: 'New billing date' });
  // A day before the current one is refused on the page, before anything is sent.
  await field.fill('2020-01-01');
  await expect(extend.getByText('Choose a day after the current one.')).toBeVisible();
  await expect(extend.getByRole('button', { name: 'Push billing date' })).toBeDisabled();
  const day = new Date(Date.now() + 40 * 86_400_000);
  const typed = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await field.fill(typed);
  await extend.getByRole('button', { name: 'Push billing date' }).click();
  await expect(extend).toBeHidden();
  const calls = await stripeCalls();
  expect(calls).toHaveLength(3);
  expect(calls[2]).toMatchObject({ proration_behavior: 'none' });
  expect(new Date(Number(calls[2].trial_end) * 1000).getDate()).toBe(day.getDate());
});
