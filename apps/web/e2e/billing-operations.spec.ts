import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test, type TestTenant } from './fixtures';
import { createInFakeStripe, deliverStripeEvent, fakeStripeRequests, onboardedAccount, stripeEvent } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Connects the tenant's Stripe account through the API (the fake creates it); returns its id. */
async function connectedAccount(request: Parameters<typeof signUpTenant>[0], tenant: TestTenant): Promise<string> {
  const linked = await request.post('/api/v1/billing/connect/onboarding-link', { headers: { Authorization: `Bearer ${tenant.token}` }, data: {} });
  expect(linked.ok(), await linked.text()).toBeTruthy();
  return ((await linked.json()) as { accountId: string }).accountId;
}

test('a business imports its Stripe history and sees the run finish with its counts', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Stripe import');
  const account = await connectedAccount(request, tenant);
  const tag = Math.random().toString(36).slice(2, 8);
  for (const name of ['Ada', 'Grace', 'Edsger']) await createInFakeStripe(request, 'customers', { name: `${name} ${tag}`, email: `${name.toLowerCase()}-${tag}@example.test` }, account);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Stripe sync' }).click();
  await expect(page).toHaveURL(/\/billing\/sync$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stripe sync');
  await expect(page).toHaveTitle(`Stripe sync · ${tenant.name} · Back office`);
  await expect(page.getByTestId('empty-state')).toContainText('No sync has run yet');

  // The import asks first and says what it does; the run is followed until it ends.
  await page.getByRole('button', { name: 'Import from Stripe' }).click();
  const confirm = page.getByRole('dialog', { name: 'Import from Stripe' });
  await expect(confirm).toContainText('linked to that member');
  await confirm.getByRole('button', { name: 'Start import' }).click();
  await expect(confirm).toBeHidden();
  const run = page.getByTestId('sync-run-row');
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('Import');
  await expect(run.getByTestId('status-badge')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(run.getByTestId('sync-run-checked')).toHaveText('3');
  await expect(run.getByTestId('sync-run-added')).toHaveText('3');
  await expect(page.getByTestId('sync-running')).toHaveCount(0);

  await run.getByRole('button', { name: /^Details of the import started / }).click();
  const drawer = page.getByRole('dialog', { name: 'Sync run' });
  await expect(drawer.getByTestId('sync-run-detail')).toContainText('Everything Stripe holds');
  const customersKind = drawer.getByTestId('sync-kind-row').filter({ hasText: 'customers' });
  await expect(customersKind).toContainText('Done');
  await expect(customersKind.getByRole('cell').nth(2)).toHaveText('3');
  await expect(drawer).toContainText('No errors.');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // What was imported is there.
  await navigation(page).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByTestId('customer-row')).toHaveCount(3);
});

test('a business finds a customer by search, opens it, renames it, and follows its member link', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Customer edit');
  const headers = { Authorization: `Bearer ${tenant.token}` };
  const tag = Math.random().toString(36).slice(2, 8);
  const customer = async (data: Record<string, string>) => {
    const response = await request.post('/api/v1/billing/customers', { headers, data });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; stripeId: string };
  };
  const ada = await customer({ name: `Ada Lovelace ${tag}`, email: `ada-${tag}@example.test` });
  await customer({ name: `Grace Hopper ${tag}`, email: `grace-${tag}@example.test` });
  const owner = ((await (await request.get(`/api/v1/members?q=${encodeURIComponent(tenant.ownerEmail)}`, { headers })).json()) as { data: { id: string }[] }).data[0];
  await customer({ name: `Owner as customer ${tag}`, email: tenant.ownerEmail, memberId: owner.id });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Customers' }).click();
  const rows = page.getByTestId('customer-row');
  await expect(rows).toHaveCount(3);
  const search = page.getByRole('textbox', { name: 'Search customers' });
  await search.fill(`nobody-${tag}`);
  await expect(page.getByTestId('empty-state')).toContainText('No customer matches this search');
  await search.fill(`Lovelace ${tag}`);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('link', { name: `Ada Lovelace ${tag}` }).click();

  await expect(page).toHaveURL(new RegExp(`/billing/customers/${ada.id}$`));
  await expect(page).toHaveTitle(`Customer · ${tenant.name} · Back office`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ada Lovelace ${tag}`);
  const facts = page.getByTestId('customer-facts');
  await expect(facts).toContainText(ada.stripeId);
  await expect(facts).toContainText('The platform account');
  await expect(facts).toContainText('In good standing');
  await expect(facts).toContainText('Not linked to a member');

  // Another customer's email is refused beside the field; a new name is saved in Stripe.
  await page.getByRole('button', { name: 'Edit customer' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit customer' });
  await edit.getByRole('textbox', { name: 'Name' }).fill(`Ada King ${tag}`);
  await edit.getByRole('textbox', { name: 'Email' }).fill(`grace-${tag}@example.test`);
  await edit.getByRole('button', { name: 'Save customer' }).click();
  await expect(edit.getByText('Another customer has this email.')).toBeVisible();
  await edit.getByRole('textbox', { name: 'Email' }).fill(`ada-${tag}@example.test`);
  await edit.getByRole('button', { name: 'Save customer' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ada King ${tag}`);
  const updates = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === `/v1/customers/${ada.stripeId}`);
  expect(updates).toHaveLength(1);
  expect(updates[0].body).toMatchObject({ name: `Ada King ${tag}` });
  expect(updates[0].body).not.toHaveProperty('email');

  // A customer linked to a member leads to that member.
  await page.getByRole('link', { name: '← Customers' }).click();
  await search.fill(tenant.ownerEmail);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('link', { name: `Owner as customer ${tag}` }).click();
  await page.getByTestId('customer-member').click();
  await expect(page).toHaveURL(/\/members\?q=/);
  await expect(page.getByRole('textbox', { name: 'Search members' })).toHaveValue(tenant.ownerEmail);
  await expect(page.getByTestId('member-row')).toHaveCount(1);
});

test('platform staff read sync health across businesses and the Stripe webhook health', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Sync health');
  const account = await connectedAccount(request, tenant);
  await createInFakeStripe(request, 'customers', { name: 'Health check', email: `health-${Date.now().toString(36)}@example.test` }, account);
  const started = await request.post('/api/v1/billing/import', { headers: { Authorization: `Bearer ${tenant.token}` }, data: {} });
  expect(started.status(), await started.text()).toBe(202);
  await deliverStripeEvent(request, stripeEvent('account.updated', onboardedAccount(account), account));

  await login(page, 'admin@demo.test');
  await navigation(page).getByRole('link', { name: 'Sync health' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\/sync$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync health');
  await expect(page.getByTestId('sync-businesses-value')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('sync-failed-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('sync-health-row').filter({ hasText: tenant.name })).toBeVisible();

  // Runs of one business: its import, followed until it ends.
  await page.getByRole('button', { name: `Runs of ${tenant.name}` }).click();
  await expect(page.getByRole('combobox', { name: 'Business' })).toHaveValue(tenant.name);
  const runs = page.getByTestId('sync-run-row');
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toContainText(tenant.name);
  await expect(runs.first().getByTestId('status-badge')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(runs.first().getByTestId('sync-run-added')).toHaveText('1');
  await runs.first().getByRole('button', { name: /^Details of the import started / }).click();
  const drawer = page.getByRole('dialog', { name: 'Sync run' });
  await expect(drawer.getByTestId('sync-run-detail')).toContainText(tenant.name);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await navigation(page).getByRole('link', { name: 'Webhook health' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\/webhook-health$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhook health');
  await expect(page.getByTestId('webhook-received-value')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('webhook-processed-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('webhook-failed-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('webhook-dead-lettered-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('webhook-last-event-value')).not.toHaveText('None yet');
  await page.getByRole('link', { name: /Open the Stripe events/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stripe events');
});

test('without Stripe on the server the sync page says so, offers no sync, and still shows the run history', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Sync no Stripe');
  // The e2e server has (a fake) Stripe; the connection route answers here as a server without a key does.
  await page.route('**/api/v1/billing/connect', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'https://problems.backoffice.dev/stripe-not-configured', title: 'Stripe not configured', status: 409, detail: 'Stripe is not configured on this server; billing is turned off.' }),
    }),
  );
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Stripe sync' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stripe sync');
  await expect(page.getByTestId('stripe-not-configured')).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText('No sync has run yet');
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import from Stripe' })).toHaveCount(0);
});
