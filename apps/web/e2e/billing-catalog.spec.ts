import type { APIRequestContext, Page } from '@playwright/test';
import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail, type TestTenant } from './fixtures';
import { fakeStripeRequests } from './stripe';

// The e2e server runs on the fake Stripe; a tenant that has not connected an account sells on the
// platform account, every object tagged with metadata.tenant_id.
const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

interface ApiPrice {
  id: string;
  stripeId: string;
  active: boolean;
  unitAmount: number;
  replacesPriceId: string | null;
}

async function productPrices(request: APIRequestContext, tenant: TestTenant, productId: string): Promise<ApiPrice[]> {
  const response = await request.get(`/api/v1/billing/products/${productId}`, { headers: { Authorization: `Bearer ${tenant.token}` } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { prices: ApiPrice[] }).prices;
}

/** A product with its prices, made through the API (the tests below start from it). */
async function createProduct(request: APIRequestContext, tenant: TestTenant, body: Record<string, unknown>): Promise<{ id: string; name: string; prices: ApiPrice[] }> {
  const created = await request.post('/api/v1/billing/products', { headers: { Authorization: `Bearer ${tenant.token}` }, data: body });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string; name: string; prices: ApiPrice[] };
}

const monthlyEuros = (unitAmount: number) => ({ currency: 'EUR', unitAmount, type: 'recurring', interval: 'month', trialPeriodDays: 14 });

async function openProduct(page: Page, tenant: TestTenant, product: { id: string; name: string }) {
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto(`/billing/products/${product.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
}

test('a tenant creates a product and adds a price typed in major units of its currency', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Catalog');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Products' }).click();
  await expect(page).toHaveURL(/\/billing\/products$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products');
  await expect(page).toHaveTitle(`Products · ${tenant.name} · Back office`);
  await expect(page.getByTestId('empty-state')).toContainText('No products yet');

  // A new product opens its page.
  const name = `Coaching ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'New product' }).click();
  const form = page.getByRole('dialog', { name: 'New product' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Description' }).fill('A month of guided practice.');
  await form.getByRole('textbox', { name: 'Features' }).fill('Weekly call\n\nWritten feedback');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/billing\/products\/[0-9a-f-]{36}$/);
  const productId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('product-status')).toHaveText('Active');
  await expect(page.getByTestId('product-features').getByRole('listitem')).toHaveText(['Weekly call', 'Written feedback']);
  await expect(page.getByTestId('empty-state')).toContainText('No prices yet');

  // A monthly price typed in euros is sent in cents; yen have no decimals, so "12.5" is refused in JPY.
  await page.getByRole('button', { name: 'Add price' }).click();
  const add = page.getByRole('dialog', { name: 'Add price' });
  await add.getByRole('combobox', { name: 'Currency' }).fill('JPY');
  await page.getByRole('option', { name: 'JPY', exact: true }).click();
  await add.getByRole('textbox', { name: 'Amount' }).fill('12.5');
  await expect(add.getByText('Not an amount in JPY (it has no decimals)')).toBeVisible();
  await expect(add.getByRole('button', { name: 'Add price' })).toBeDisabled();
  await add.getByRole('combobox', { name: 'Currency' }).fill('EUR');
  await page.getByRole('option', { name: 'EUR', exact: true }).click();
  await expect(add.getByText(/^Buyers pay €12\.50$/)).toBeVisible();
  await add.getByRole('textbox', { name: 'Trial days' }).fill('14');
  await add.getByRole('button', { name: 'Add price' }).click();
  await expect(add).toBeHidden();
  const rows = page.getByTestId('price-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('€12.50');
  await expect(rows.first()).toContainText('Monthly');
  await expect(rows.first()).toContainText('14 days');
  await expect(rows.first().getByTestId('price-status')).toHaveText('Active');
  const [price] = await productPrices(request, tenant, productId);
  expect(price.unitAmount).toBe(1250);
  const created = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === '/v1/prices' && (r.body.metadata as Record<string, string> | undefined)?.tenant_id === tenant.id);
  expect(created.map((r) => r.body)).toEqual([expect.objectContaining({ currency: 'eur', unit_amount: 1250, recurring: { interval: 'month', trial_period_days: 14 } })]);
});

test('changing a price creates a new one in Stripe and archives the old one, and the page explains why', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Price change');
  const product = await createProduct(request, tenant, { name: `Coaching ${Date.now().toString(36)}`, prices: [monthlyEuros(1250)] });
  const [first] = product.prices;
  await openProduct(page, tenant, product);
  const productId = product.id;
  const rows = page.getByTestId('price-row');
  await page.getByRole('button', { name: 'Change price €12.50 / month' }).click();
  const change = page.getByRole('dialog', { name: 'Change price' });
  await expect(change.getByTestId('price-immutable')).toContainText('Stripe prices cannot be edited');
  await change.getByRole('textbox', { name: 'New amount' }).fill('15');
  await change.getByRole('button', { name: 'Replace price' }).click();
  await expect(change).toBeHidden();
  await expect(rows).toHaveCount(2);
  const replacement = (await productPrices(request, tenant, productId)).find((price) => price.active)!;
  expect(replacement).toMatchObject({ unitAmount: 1500, replacesPriceId: first.id });
  // Newest first.
  const [newRow, oldRow] = [rows.nth(0), rows.nth(1)];
  await expect(newRow).toHaveAttribute('data-price-id', replacement.id);
  await expect(oldRow).toHaveAttribute('data-price-id', first.id);
  await expect(newRow).toContainText('€15.00');
  await expect(newRow.getByTestId('price-status')).toHaveText('Active');
  await expect(newRow.getByTestId('price-history')).toHaveText('Replaces €12.50 / month');
  await expect(oldRow.getByTestId('price-status')).toHaveText('Archived');
  await expect(oldRow.getByTestId('price-history')).toHaveText('Replaced by €15.00 / month');
  await expect(oldRow.getByRole('button')).toHaveCount(0);
});

test("the checkout link generator shows the API's problems, then a link that opens Stripe Checkout for the price", async ({ page, request, baseURL }) => {
  const tenant = await signUpTenant(request, 'Checkout link');
  const product = await createProduct(request, tenant, { name: `Course ${Date.now().toString(36)}`, prices: [monthlyEuros(1500)] });
  const productId = product.id;
  const [price] = product.prices;
  await openProduct(page, tenant, product);
  const rows = page.getByTestId('price-row');

  // The API's problems show in the dialog, then a link to open.
  await rows.first().getByRole('button', { name: 'Checkout link for €15.00 / month' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout link' });
  await expect(checkout.getByRole('textbox', { name: 'Success URL' })).toHaveValue(`${baseURL}/billing/products/${productId}?checkout=success`);
  await expect(checkout.getByRole('textbox', { name: 'Cancel URL' })).toHaveValue(`${baseURL}/billing/products/${productId}?checkout=canceled`);
  await checkout.getByRole('textbox', { name: 'Quantity' }).fill('2');
  await checkout.getByRole('textbox', { name: 'Customer email' }).fill('buyer@example.test');
  await checkout.getByRole('textbox', { name: 'Promotion code' }).fill('NO-SUCH-CODE');
  await checkout.getByRole('button', { name: 'Create checkout link' }).click();
  await expect(checkout.getByTestId('problem-alert')).toContainText('No active promotion code has this code.');
  await checkout.getByRole('textbox', { name: 'Promotion code' }).fill('');
  await checkout.getByRole('button', { name: 'Create checkout link' }).click();
  const url = checkout.getByTestId('checkout-url');
  await expect(url).toHaveText(/\/c\/pay\/cs_test_\w+$/);
  const sessionUrl = (await url.textContent())!;
  const sessions = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.body.customer_email === 'buyer@example.test' && r.body.success_url === `${baseURL}/billing/products/${productId}?checkout=success`);
  expect(sessions).toHaveLength(1);
  expect(sessions[0].body).toMatchObject({ mode: 'subscription', line_items: [{ price: price.stripeId, quantity: 2 }], subscription_data: { trial_period_days: 14 } });

  const opened = page.waitForEvent('popup');
  await checkout.getByRole('link', { name: 'Open' }).click();
  const stripePage = await opened;
  await expect(stripePage).toHaveURL(sessionUrl);
  await expect(stripePage.getByRole('heading', { name: 'Stripe Checkout (test)' })).toBeVisible();
  await expect(stripePage.getByRole('listitem')).toHaveText(`${price.stripeId} × 2`);
  await stripePage.close();
  await checkout.getByRole('button', { name: 'Done' }).click();
  await expect(checkout).toBeHidden();

  // Stripe sends the buyer back to the success URL: the product's page says how it went.
  await page.goto(`/billing/products/${productId}?checkout=success`);
  await expect(page.getByTestId('checkout-returned')).toContainText('Back from Stripe Checkout');
});

test('archiving a product archives its prices; it is then listed under "Archived" and can be restored', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Archive');
  const product = await createProduct(request, tenant, { name: `Workshop ${Date.now().toString(36)}`, prices: [monthlyEuros(900)] });
  const name = product.name;
  await openProduct(page, tenant, product);
  const rows = page.getByTestId('price-row');
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  const archive = page.getByRole('dialog', { name: 'Archive product' });
  await archive.getByRole('button', { name: 'Archive' }).click();
  await expect(archive).toBeHidden();
  await expect(page.getByTestId('product-status')).toHaveText('Archived');
  await expect(rows.getByTestId('price-status')).toHaveText(['Archived']);
  await expect(page.getByRole('button', { name: 'Add price' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Products' }).click();
  const productRow = page.getByTestId('product-row').filter({ hasText: name });
  await expect(productRow).toContainText('No active price (1 archived)');
  const statusFilter = page.getByRole('radiogroup', { name: 'Filter products by status' });
  await statusFilter.getByText('Active', { exact: true }).click();
  await expect(page.getByTestId('empty-state')).toContainText('No product matches these filters');
  await statusFilter.getByText('Archived', { exact: true }).click();
  await expect(productRow.getByTestId('product-status')).toHaveText('Archived');
  await productRow.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('product-status')).toHaveText('Active');
  await expect(page.getByRole('button', { name: 'Add price' })).toBeVisible();
});

test('a viewer sees the catalog but cannot change it', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Catalog viewer');
  const name = `Membership ${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/billing/products', {
    headers: { Authorization: `Bearer ${tenant.token}` },
    data: { name, prices: [{ currency: 'USD', unitAmount: 9900, type: 'recurring', interval: 'year' }, { currency: 'JPY', unitAmount: 5000, type: 'one_time' }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const viewer = uniqueEmail('catalog-viewer');
  await createMemberThroughApi(request, tenant, viewer, ['viewer']);

  await login(page, viewer, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products');
  const row = page.getByTestId('product-row').filter({ hasText: name });
  await expect(row).toContainText('¥5,000 one-time');
  await expect(row).toContainText('+1 more');
  await expect(page.getByRole('button', { name: 'New product' })).toHaveCount(0);

  await page.getByLabel('Search products').fill('no such product');
  await expect(page.getByTestId('empty-state')).toContainText('No product matches these filters');
  await page.getByLabel('Search products').fill(name.slice(0, 12));
  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const prices = page.getByTestId('price-row');
  await expect(prices).toHaveCount(2);
  await expect(prices.filter({ hasText: '$99.00' })).toContainText('Annual');
  await expect(prices.filter({ hasText: '¥5,000' })).toContainText('One-time');
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
});
