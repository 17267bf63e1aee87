import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

test('every route names its page, tenant and product in the document title', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Titles');

  await page.goto('/login');
  await expect(page).toHaveTitle('Log in · Back office');
  await page.goto('/forgot-password');
  await expect(page).toHaveTitle('Forgot password · Back office');

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/members$/);
  await expect(page).toHaveTitle(`Members · ${tenant.name} · Back office`);

  // Client-side navigation changes it too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page).toHaveTitle(`Settings · ${tenant.name} · Back office`);

  await page.goto('/audit-log');
  await expect(page).toHaveTitle(`Audit log · ${tenant.name} · Back office`);
  await page.goto('/account/security');
  await expect(page).toHaveTitle(`Account security · ${tenant.name} · Back office`);
  await page.goto('/no-such-page');
  await expect(page).toHaveTitle(`Page not found · ${tenant.name} · Back office`);
});
