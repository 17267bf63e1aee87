import { createMemberThroughApi, DEMO_PASSWORD, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';

test('an owner logs in, sees the members of their tenant and logs out', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Login');
  const creator = uniqueEmail('creator');
  await createMemberThroughApi(request, tenant, creator, ['creator']);
  await login(page, tenant.ownerEmail, NEW_PASSWORD);

  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByTestId('tenant-switcher')).toHaveValue(tenant.name);
  await expect(page.getByRole('row', { name: new RegExp(creator) })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Roles' })).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/members');
  await expect(page).toHaveURL(/\/login\?next=%2Fmembers$/);
});

test('wrong credentials show the problem detail', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(uniqueEmail('nobody'));
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();

  await expect(page.getByRole('alert')).toContainText('Invalid credentials');
  await expect(page).toHaveURL(/\/login$/);
});

test('a member without admin permissions does not see admin navigation', async ({ page, request }) => {
  const client = uniqueEmail('client');
  await createMemberThroughApi(request, await signUpTenant(request, 'Client'), client, ['client']);
  await login(page, client, NEW_PASSWORD);

  await expect(page.getByRole('link', { name: 'Security' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Tenants' })).toHaveCount(0);
});
