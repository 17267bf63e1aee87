import type { Page } from '@playwright/test';
import { captureNextJson, expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { deliverStripeEvent, fakeStripeRequests, onboardedAccount, stripeEvent } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const STRIPE_ONBOARDING = 'https://connect.stripe.test/**';

/** Stands in for Stripe's hosted onboarding page (the fake's links point at a host that does not exist): a page whose link goes back. */
async function fakeOnboardingPage(page: Page, returnUrl: string) {
  await page.route(STRIPE_ONBOARDING, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Stripe onboarding (test)</title></head><body><main><h1>Stripe onboarding</h1><a href="${returnUrl}">Return to the back office</a></main></body></html>`,
    }),
  );
}

test('a tenant connects its Stripe account: onboarding link, return, and the status Stripe reports', async ({ page, request, baseURL }) => {
  const tenant = await signUpTenant(request, 'Stripe connect');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Stripe connection' }).click();
  await expect(page).toHaveURL(/\/billing\/connect$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stripe connection');
  await expect(page.getByTestId('connection-state')).toHaveText('Not connected');
  await expect(page).toHaveTitle(`Stripe connection · ${tenant.name} · Back office`);

  // The button asks for an onboarding link (the server creates the connected account first) and goes there.
  const returnUrl = `${baseURL}/billing/connect?return=1`;
  await fakeOnboardingPage(page, returnUrl);
  const linkRequested = await captureNextJson<{ accountId: string; url: string }>(page, 'POST', '/api/v1/billing/connect/onboarding-link');
  await page.getByRole('button', { name: 'Connect with Stripe' }).click();
  const link = await linkRequested.body;
  expect(link.accountId).toMatch(/^acct_/);
  await expect(page).toHaveURL(link.url);
  await expect(page.getByRole('heading', { name: 'Stripe onboarding' })).toBeVisible();

  const account = link.accountId;
  const asked = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST');
  const created = asked.filter((r) => r.path === '/v1/accounts' && (r.body.metadata as Record<string, string> | undefined)?.tenant_id === tenant.id);
  expect(created).toHaveLength(1);
  const links = asked.filter((r) => r.path === '/v1/account_links' && r.body.account === account);
  expect(links).toHaveLength(1);
  expect(links[0].body).toMatchObject({ return_url: returnUrl, refresh_url: `${baseURL}/billing/connect?refresh=1` });

  // Back from Stripe before Stripe has reported anything: the page says so and what is still due.
  await page.getByRole('link', { name: 'Return to the back office' }).click();
  await expect(page).toHaveURL(/\/billing\/connect\?return=1$/);
  await expect(page.getByTestId('onboarding-returned')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText('Onboarding not finished');
  await expect(page.getByTestId('stripe-connection')).toContainText(account);
  await expect(page.getByTestId('currently-due')).toContainText('business type');

  // Stripe reports the finished onboarding (account.updated on the Connect webhook): the page shows it once processed.
  await deliverStripeEvent(request, stripeEvent('account.updated', onboardedAccount(account), account));
  await expect(page.getByTestId('connection-state')).toHaveText('Taking payments', { timeout: 20_000 });
  await expect(page.getByTestId('onboarding-returned')).toBeHidden();
  await expect(page.getByTestId('currently-due')).toHaveCount(0);
  const facts = page.getByTestId('stripe-connection');
  await expect(facts).toContainText('Charges');
  await expect(facts.getByText('Enabled')).toHaveCount(2);
  await expect(facts.getByText('Submitted', { exact: true })).toBeVisible();

  // A link that expired sends the user to ?refresh=1: a new link for the same account.
  await page.goto('/billing/connect?refresh=1');
  await expect(page.getByTestId('onboarding-expired')).toBeVisible();
  const again = await captureNextJson<{ accountId: string }>(page, 'POST', '/api/v1/billing/connect/onboarding-link');
  await page.getByRole('button', { name: 'Get a new onboarding link' }).click();
  expect((await again.body).accountId).toBe(account);
  await expect(page.getByRole('heading', { name: 'Stripe onboarding' })).toBeVisible();
});

test('platform staff find a Stripe event by account, read its payload and replay it', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Stripe events');
  const linked = await request.post('/api/v1/billing/connect/onboarding-link', { headers: { Authorization: `Bearer ${tenant.token}` }, data: {} });
  expect(linked.ok(), await linked.text()).toBeTruthy();
  const account = ((await linked.json()) as { accountId: string }).accountId;
  const event = stripeEvent('account.updated', onboardedAccount(account), account);
  await deliverStripeEvent(request, event);

  await login(page, 'admin@demo.test');
  await navigation(page).getByRole('link', { name: 'Stripe events' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\/stripe-events$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stripe events');
  await page.getByRole('textbox', { name: 'Account', exact: true }).fill(account);
  const rows = page.getByTestId('stripe-event-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('account.updated');
  await expect(rows.first().getByTestId('status-badge')).toHaveText('processed', { timeout: 20_000 });

  // Filters that match nothing say so.
  await page.getByRole('textbox', { name: 'Event type' }).fill('invoice.paid');
  await expect(page.getByTestId('empty-state')).toContainText('No Stripe event matches these filters');
  await page.getByRole('textbox', { name: 'Event type' }).fill('account.updated');
  await expect(rows).toHaveCount(1);

  // The detail: what Stripe sent, who it belongs to, how often it was processed.
  await rows.first().getByRole('button', { name: `Details of account.updated ${event.id}` }).click();
  const drawer = page.getByRole('dialog', { name: 'Stripe event' });
  const detail = drawer.getByTestId('stripe-event-detail');
  await expect(detail).toContainText(event.id);
  await expect(detail).toContainText(account);
  await expect(detail.getByTestId('status-badge')).toHaveText('processed');
  await expect(drawer.getByTestId('stripe-event-payload')).toContainText('"charges_enabled": true');

  // Replay asks first, then queues the event again; it is processed again (idempotently).
  await drawer.getByRole('button', { name: 'Replay' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replay Stripe event' });
  await expect(confirm).toContainText(event.id);
  await confirm.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByText('account.updated queued for processing again.')).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(detail.getByTestId('status-badge')).toHaveText('processed', { timeout: 20_000 });
});

test('without Stripe on the server the billing section says so and the rest of the back office works', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'No Stripe');
  // The e2e server has (a fake) Stripe; this one answers every billing route as a server without a key does.
  await page.route('**/api/v1/billing/**', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'https://problems.backoffice.dev/stripe-not-configured', title: 'Stripe not configured', status: 409, detail: 'Stripe is not configured on this server; billing is turned off.' }),
    }),
  );
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  for (const [link, heading] of [['Stripe connection', 'Stripe connection'], ['Customers', 'Customers'], ['Products', 'Products']]) {
    await navigation(page).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByTestId('stripe-not-configured')).toContainText('Billing is turned off on this server');
    await expect(page.getByTestId('problem-alert')).toHaveCount(0);
  }
  await navigation(page).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members');
  await expect(page.getByRole('row').filter({ hasText: tenant.ownerEmail })).toBeVisible();
});
