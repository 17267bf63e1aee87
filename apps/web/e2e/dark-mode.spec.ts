import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { MAIN_PAGES } from './main-pages';

const scheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');

// The accessibility fixture checks each page below in dark mode (contrast included) as it settles.
test('dark mode follows the system and passes the accessibility check on every main page', async ({ page, request }) => {
  // Each page is opened and checked by axe in turn: the walk's budget grows with the navigation.
  test.setTimeout(30_000 + MAIN_PAGES.length * 5_000);
  const tenant = await signUpTenant(request, 'Dark');
  await page.emulateMedia({ colorScheme: 'dark' });
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  expect(await scheme(page)).toBe('dark');

  const navigation = page.getByRole('navigation', { name: 'Main' });
  for (const { link, heading } of MAIN_PAGES) {
    await navigation.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  await navigation.getByRole('link', { name: 'Members', exact: true }).click();
  await page.getByRole('button', { name: 'Invite member' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite a member' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a theme chosen in the user menu is remembered; the system theme can be chosen again', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Dark menu');
  await page.emulateMedia({ colorScheme: 'dark' });
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  expect(await scheme(page)).toBe('dark');

  // The user menu opens and works by keyboard; the choice outlives a reload.
  const menu = page.getByTestId('user-menu');
  await menu.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Light theme' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members');
  expect(await scheme(page)).toBe('light');

  await menu.click();
  await page.getByRole('menuitem', { name: 'Theme of the system' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await menu.click();
  await expect(page.getByRole('menuitem', { name: 'Light theme' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Theme of the system' })).toHaveCount(0);
});
