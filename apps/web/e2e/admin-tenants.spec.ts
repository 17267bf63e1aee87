import { expect, test } from '@playwright/test';
import { login } from './fixtures';

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
