import type { Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

/** The page chunks (assets/<name>-page-<hash>.js) the browser has fetched so far. */
function pageChunks(page: Page): Set<string> {
  const chunks = new Set<string>();
  page.on('request', (request) => {
    const name = /\/assets\/([\w-]+-page)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname)?.[1];
    if (name) chunks.add(name);
  });
  return chunks;
}

test('the first download holds the opened page only; other pages load on visit', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Chunks');
  const chunks = pageChunks(page);

  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect([...chunks]).toEqual(['login-page']);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  expect([...chunks].sort()).toEqual(['login-page', 'members-page']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  expect(chunks.has('audit-log-page')).toBe(true);
  expect(chunks.has('webhooks-page')).toBe(false);
});
