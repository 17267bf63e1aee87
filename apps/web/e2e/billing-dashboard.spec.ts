import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { seedCustomer, seedProduct, seedSubscription } from './billing-seed';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const thisMonth = () => new Date().toISOString().slice(0, 7);

test('a business without subscriptions sees the dashboard\'s empty state', async ({ page, request }) => {
  const empty = await signUpTenant(request, 'Quiet');
  await login(page, empty.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/billing\/dashboard$/);
  await expect(page).toHaveTitle(`Billing dashboard · ${empty.name} · Back office`);
  await expect(page.getByTestId('empty-state')).toContainText('No subscription revenue in these months');
});

test('the billing dashboard shows the seeded numbers and downloads its CSV', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Dashboard');
  const product = await seedProduct(request, tenant, 'Membership', [{ unitAmount: 4500, interval: 'month' }, { unitAmount: 36_000, interval: 'year' }]);
  const [monthly, yearly] = product.prices;
  await seedSubscription(request, tenant, { customer: await seedCustomer(request, tenant, 'Ann'), product, price: monthly });
  await seedSubscription(request, tenant, { customer: await seedCustomer(request, tenant, 'Bo'), product, price: monthly, quantity: 2 });
  await seedSubscription(request, tenant, { customer: await seedCustomer(request, tenant, 'Cy'), product, price: yearly });
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await navigation(page).getByRole('link', { name: 'Dashboard' }).click();
  // MRR: 45 + 2 × 45 + 360 / 12 = 165.00; ARR 1,980.00; 3 subscribers; ARPU 55.00.
  await expect(page.getByTestId('metric-mrr')).toHaveText('€165.00');
  await expect(page.getByTestId('metric-arr')).toHaveText('€1,980.00');
  await expect(page.getByTestId('metric-active-subscribers')).toHaveText('3');
  await expect(page.getByTestId('metric-arpu')).toHaveText('€55.00');
  await expect(page.getByRole('heading', { name: 'MRR over time' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'MRR movements' })).toBeVisible();
  // Both charts drew: the MRR line and the bars of the month's new MRR.
  await expect(page.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(page.locator('.recharts-bar-rectangle:visible')).toHaveCount(1);

  // A reversed range is refused here, before asking.
  await page.getByLabel('From').fill('2030-01');
  await expect(page.getByText('The first month must not be after the last.')).toBeVisible();
  await page.getByLabel('From').fill(thisMonth());

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`billing-metrics-${thisMonth()}-to-${thisMonth()}.csv`);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toMatch(/^"month","currency","mrr_start","mrr_end","arr",/);
  expect(lines[1]).toMatch(new RegExp(`^"${thisMonth()}","EUR","0","16500","198000","16500",`));
});
