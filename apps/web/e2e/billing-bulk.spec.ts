import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { seedCustomer, seedProduct, seedSubscription } from './billing-seed';
import { fakeStripeRequests } from './stripe';

test('select two subscriptions, cancel them at period end in bulk, watch the progress reach done with per-id results; the list shows them canceling', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Bulk actions');
  const product = await seedProduct(request, tenant, 'Coaching', [{ unitAmount: 1000, interval: 'month' }]);
  const [monthly] = product.prices;
  const [ann, bob, cleo] = [await seedCustomer(request, tenant, 'Ann'), await seedCustomer(request, tenant, 'Bob'), await seedCustomer(request, tenant, 'Cleo')];
  const annSub = await seedSubscription(request, tenant, { customer: ann, product, price: monthly });
  const bobSub = await seedSubscription(request, tenant, { customer: bob, product, price: monthly });
  const cleoSub = await seedSubscription(request, tenant, { customer: cleo, product, price: monthly });

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto('/billing/subscriptions');
  const rows = page.getByTestId('subscription-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Cancels at period end' })).toHaveCount(0);

  await page.getByRole('checkbox', { name: 'Select Ann' }).check();
  await page.getByRole('checkbox', { name: 'Select Bob' }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel at period end' }).click();

  const dialog = page.getByRole('dialog', { name: 'Cancel at period end: 2 subscription(s)' });
  await dialog.getByLabel('Reason').fill('Programme closes');
  const queued = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/billing/subscriptions/bulk');
  await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
  expect((await queued).status()).toBe(202);

  await expect(dialog.getByTestId('bulk-status')).toHaveText('Done: 2 of 2', { timeout: 30_000 });
  await expect(dialog.getByText('2 succeeded, 0 failed')).toBeVisible();
  const results = dialog.getByTestId('bulk-result');
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: 'Ann' })).toContainText('Succeeded');
  await expect(results.filter({ hasText: 'Bob' })).toContainText('Succeeded');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The list follows: the two are canceling, the third is not, and nothing stays selected.
  await expect(rows.filter({ hasText: 'Ann' })).toContainText('Cancels at period end');
  await expect(rows.filter({ hasText: 'Bob' })).toContainText('Cancels at period end');
  await expect(rows.filter({ hasText: 'Cleo' })).not.toContainText('Cancels at period end');
  await expect(page.getByText('2 selected')).toHaveCount(0);

  // One Stripe call per selected subscription, with the reason as Stripe's cancellation comment.
  const calls = (await fakeStripeRequests(request)).filter((r) => r.method === 'POST' && [annSub, bobSub, cleoSub].some((s) => r.path === `/v1/subscriptions/${s.stripeId}`));
  expect(calls.map((c) => c.path).sort()).toEqual([`/v1/subscriptions/${annSub.stripeId}`, `/v1/subscriptions/${bobSub.stripeId}`].sort());
  for (const call of calls) expect(call.body).toMatchObject({ cancel_at_period_end: true, cancellation_details: { comment: 'Programme closes' } });
});
