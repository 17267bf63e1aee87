import { expect, test } from '@playwright/test';
import { login, NEW_PASSWORD, readEmailLink, uniqueEmail } from './fixtures';

test('a platform admin approves a pending tenant', async ({ page }) => {
  await login(page, 'admin@demo.test');
  await expect(page).toHaveURL(/\/admin\/tenants$/);

  await page.getByLabel('Search').fill('Pending Co');
  const row = page.getByRole('row', { name: /Pending Co/ });
  await expect(row.getByTestId('status-badge')).toHaveText('pending');
  await row.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: 'Approve tenant' }).getByRole('button', { name: 'Approve' }).click();

  await expect(row.getByTestId('status-badge')).toHaveText('active');
});

test('a platform admin impersonates a tenant and exits back to their own session', async ({ page }) => {
  await login(page, 'admin@demo.test');
  await page.getByLabel('Search').fill('Globex');
  const row = page.getByRole('row', { name: /Globex Media/ });
  await row.getByRole('button', { name: 'Impersonate' }).click();
  await page.getByRole('dialog', { name: 'Impersonate' }).getByRole('button', { name: 'Impersonate' }).click();

  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toContainText('owner@globex.test');
  await expect(banner).toContainText('Globex Media');
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('row', { name: /owner@globex\.test/ })).toBeVisible();

  await banner.getByRole('button', { name: 'Exit impersonation' }).click();
  await expect(banner).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/tenants$/);
  await expect(page.getByTestId('user-menu')).toHaveText(/admin|Admin/);
  await expect(page.getByRole('row', { name: /Globex Media/ })).toBeVisible();
});

test('a status change shows even when a search answer read before it arrives after it', async ({ page, request }) => {
  const tenantName = `E2E Suspend ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = uniqueEmail('suspend');
  const signup = await request.post('/api/v1/auth/signup', { data: { name: 'Suspend Owner', email, password: NEW_PASSWORD, tenantName } });
  expect(signup.ok(), await signup.text()).toBeTruthy();
  const token = new URLSearchParams((await readEmailLink(email, '/confirm-signup')).split('?')[1]).get('token');
  const confirmed = await request.post('/api/v1/auth/signup/confirm', { data: { token } });
  expect(confirmed.ok(), await confirmed.text()).toBeTruthy();

  await login(page, 'admin@demo.test');
  const row = page.getByRole('row', { name: new RegExp(tenantName) });
  await expect(row.getByTestId('status-badge')).toHaveText('active');

  // The first search answer is read from the server at once but delivered only after the suspension.
  let release = () => {};
  const suspended = new Promise<void>((resolve) => (release = resolve));
  let answered = () => {};
  const searchRead = new Promise<void>((resolve) => (answered = resolve));
  let held = false;
  await page.route(
    (url) => url.pathname === '/api/v1/admin/tenants' && url.searchParams.has('q'),
    async (route) => {
      if (held) return route.continue();
      held = true;
      const response = await route.fetch();
      answered();
      await suspended;
      await route.fulfill({ response }).catch(() => undefined);
    },
  );
  await page.getByLabel('Search').fill(tenantName);
  await searchRead;

  await row.getByRole('button', { name: 'Suspend' }).click();
  const done = page.waitForResponse((r) => r.url().endsWith('/suspend') && r.request().method() === 'POST');
  await page.getByRole('dialog', { name: `Suspend ${tenantName}` }).getByRole('button', { name: 'Suspend tenant' }).click();
  expect((await done).ok()).toBeTruthy();
  release();
  await expect(row.getByTestId('status-badge')).toHaveText('suspended');

  await row.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog', { name: 'Activate tenant' }).getByRole('button', { name: 'Activate' }).click();
  await expect(row.getByTestId('status-badge')).toHaveText('active');
});
