import { expect, login, ownerQuery, signUpTenant, test } from './fixtures';

// Each test acts on a tenant of its own; the platform admin is the seeded staff user.
test('a platform admin approves a pending tenant', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Pending');
  // The e2e server approves signups automatically (TENANT_APPROVAL=auto): no route puts a tenant back to pending.
  await ownerQuery(`update tenants set status = 'pending' where id = $1`, [tenant.id]);
  await login(page, 'admin@demo.test');
  await expect(page).toHaveURL(/\/admin\/tenants$/);

  await page.getByLabel('Search').fill(tenant.name);
  const row = page.getByRole('row', { name: new RegExp(tenant.name) });
  await expect(row.getByTestId('status-badge')).toHaveText('pending');
  await row.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog', { name: 'Approve tenant' }).getByRole('button', { name: 'Approve' }).click();

  await expect(row.getByTestId('status-badge')).toHaveText('active');
});

test('a platform admin impersonates a tenant and exits back to their own session', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Impersonated');
  await login(page, 'admin@demo.test');
  await page.getByLabel('Search').fill(tenant.name);
  const row = page.getByRole('row', { name: new RegExp(tenant.name) });
  await row.getByRole('button', { name: 'Impersonate' }).click();
  await page.getByRole('dialog', { name: 'Impersonate' }).getByRole('button', { name: 'Impersonate' }).click();

  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toContainText(tenant.ownerEmail);
  await expect(banner).toContainText(tenant.name);
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('row', { name: new RegExp(tenant.ownerEmail) })).toBeVisible();

  await banner.getByRole('button', { name: 'Exit impersonation' }).click();
  await expect(banner).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/tenants$/);
  await expect(page.getByTestId('user-menu')).toHaveText(/admin|Admin/);
  await expect(page.getByRole('row', { name: new RegExp(tenant.name) })).toBeVisible();
});

test('a status change shows even when a search answer read before it arrives after it', async ({ page, request }) => {
  const { name: tenantName } = await signUpTenant(request, 'Suspend');

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
