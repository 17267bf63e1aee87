import type { APIRequestContext, Page } from '@playwright/test';
import { createMemberThroughApi, expect, login, NEW_PASSWORD, ownerQuery, signUpTenant, test, uniqueEmail, type TestTenant } from './fixtures';
import { seedCustomer, seedProduct, seedSubscription } from './billing-seed';
import { fakeStripeRequests } from './stripe';

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** A member of the tenant with a role, whose own customer holds a Coaching subscription (€10 a month). */
async function memberWithSubscription(request: APIRequestContext, tenant: TestTenant, roleKey: string, status = 'active') {
  const email = uniqueEmail(`member-${roleKey}`);
  await createMemberThroughApi(request, tenant, email, [roleKey]);
  const product = await seedProduct(request, tenant, 'Coaching', [{ unitAmount: 1000, interval: 'month' }]);
  const customer = await seedCustomer(request, tenant, 'Mia');
  await ownerQuery(
    `update billing_customers set membership_id = (select m.id from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and u.email = $2) where tenant_id = $1 and id = $3`,
    [tenant.id, email, customer.id],
  );
  const subscription = await seedSubscription(request, tenant, { customer, product, price: product.prices[0], status });
  return { email, customer, subscription };
}

test('a member sees their own subscription, cancels it at period end with a reason, and undoes it', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Membership');
  const { email, subscription } = await memberWithSubscription(request, tenant, 'viewer');

  await login(page, email, NEW_PASSWORD);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'My billing' }).click();
  await expect(page).toHaveURL(/\/account\/billing$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My billing');
  await expect(page).toHaveTitle(`My billing · ${tenant.name} · Back office`);
  await expect(navigation(page).getByRole('link', { name: 'My billing' })).toHaveAttribute('data-active', 'true');
  const card = page.getByTestId('member-subscription');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Coaching');
  await expect(card).toContainText('active');
  await expect(card).toContainText('€10.00 / month');
  await expect(card).toContainText('Renews on');
  await expect(page.getByTestId('past-due-banner')).toHaveCount(0);

  const before = (await fakeStripeRequests(request)).length;
  await card.getByRole('button', { name: 'Cancel subscription' }).click();
  const modal = page.getByRole('dialog', { name: 'Cancel your subscription' });
  await modal.getByRole('combobox', { name: 'Why are you leaving?' }).click();
  await page.getByRole('option', { name: 'Too expensive' }).click();
  await modal.getByRole('textbox', { name: 'Anything you want to tell us' }).fill('Cheaper elsewhere');
  await modal.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(modal).toHaveCount(0);
  await expect(page.getByTestId('member-cancel-scheduled')).toContainText('Your subscription ends on');
  await expect(card).toContainText('Ends on');
  const calls = (await fakeStripeRequests(request)).slice(before).filter((c) => c.path === `/v1/subscriptions/${subscription.stripeId}`);
  expect(calls).toHaveLength(1);
  expect(calls[0].body).toMatchObject({ cancel_at_period_end: true, cancellation_details: { feedback: 'too_expensive', comment: 'Cheaper elsewhere' } });
  expect(calls[0].idempotencyKey).toMatch(/^bo:subscription\.update:/);

  await card.getByRole('button', { name: 'Keep my subscription' }).click();
  const keep = page.getByRole('dialog', { name: 'Keep your subscription' });
  await keep.getByRole('button', { name: 'Keep my subscription' }).click();
  await expect(keep).toHaveCount(0);
  await expect(page.getByTestId('member-cancel-scheduled')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
  await expect(card).toContainText('Renews on');
  const [row] = await ownerQuery<{ cancel_at_period_end: boolean }>(`select cancel_at_period_end from billing_subscriptions where id = $1`, [subscription.id]);
  expect(row.cancel_at_period_end).toBe(false);
});

test('a member with no subscription sees the empty state', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'No membership');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.goto('/account/billing');
  await expect(page.getByTestId('empty-state')).toContainText('You have no subscription');
  await expect(page.getByText('No invoices yet.')).toBeVisible();
});

test('a member whose subscription is past due sees the banner with the update-card link on every page; the owner does not', async ({ page, request, browser }) => {
  const tenant = await signUpTenant(request, 'Past due');
  const { email, customer, subscription } = await memberWithSubscription(request, tenant, 'client', 'past_due');
  await ownerQuery(
    `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, stripe_created_at, customer, subscription, status, number, currency, total, amount_due, amount_remaining, attempt_count, collection_method)
     values (gen_random_uuid(), $1, '', $2, now(), now() - interval '1 day', $3, $4, 'open', 'MIA-2', 'EUR', 1000, 1000, 1000, 2, 'charge_automatically')`,
    [tenant.id, `in_e2e${Math.random().toString(36).slice(2, 12)}`, customer.stripeId, subscription.stripeId],
  );

  await login(page, email, NEW_PASSWORD);
  const banner = page.getByTestId('past-due-banner');
  await expect(banner).toContainText('Your payment did not go through');
  await expect(banner).toContainText('€10.00');
  await page.goto('/account/sessions');
  await expect(banner).toBeVisible();

  // "Update card" opens Stripe's Customer Portal for the member's own customer, coming back to this page.
  await page.route('https://billing.stripe.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Portal</title><main>Stripe portal</main></html>' }));
  const before = (await fakeStripeRequests(request)).length;
  await banner.getByRole('button', { name: 'Update card' }).click();
  await expect(page).toHaveURL(/^https:\/\/billing\.stripe\.test\/p\/session\//);
  const portal = (await fakeStripeRequests(request)).slice(before).filter((c) => c.path === '/v1/billing_portal/sessions');
  expect(portal).toHaveLength(1);
  expect(portal[0].body).toMatchObject({ customer: customer.stripeId, return_url: expect.stringMatching(/\/account\/sessions$/) });

  // Dismissed, it stays away for the session.
  await page.goto('/account/billing');
  await expect(page.getByTestId('member-subscription')).toContainText('past_due');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  await page.goto('/account/sessions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sessions');
  await expect(banner).toHaveCount(0);

  // The owner (not the customer) never sees it.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await login(ownerPage, tenant.ownerEmail, NEW_PASSWORD);
  await expect(ownerPage.getByRole('heading', { level: 1 })).toBeVisible();
  await ownerPage.goto('/account/billing');
  await expect(ownerPage.getByTestId('empty-state')).toContainText('You have no subscription');
  await expect(ownerPage.getByTestId('past-due-banner')).toHaveCount(0);
  await ownerContext.close();
});
