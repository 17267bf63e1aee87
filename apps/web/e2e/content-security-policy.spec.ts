import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from './fixtures';

/** Collects the scripts the browser refused under the page's Content-Security-Policy (the dashboard's web font is refused by style-src, on purpose). */
function scriptViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()) && /script/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('the API docs (Swagger UI) render their operations under a CSP without unsafe-inline', async ({ page }) => {
  const violations = scriptViolations(page);
  const response = await page.goto('/api/docs');
  expect(response?.headers()['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await expect(page.getByRole('heading', { name: /Back Office API/ })).toBeVisible();
  // Every section is listed (collapsed); opening one renders its operations.
  await expect(page.locator('.opblock-tag').nth(14)).toBeAttached();
  await page.locator('.opblock-tag', { hasText: /^auth/ }).first().click();
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/v1/auth/login' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the queue dashboard renders its queues under a CSP without unsafe-inline', async ({ page }) => {
  const violations = scriptViolations(page);
  const signIn = await page.request.post('/api/v1/auth/login', { data: { email: 'admin@demo.test', password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const { accessToken } = await signIn.json();
  expect((await page.request.post('/api/v1/admin/queues/session', { headers: { Authorization: `Bearer ${accessToken}` }, data: {} })).status()).toBe(201);
  const response = await page.goto('/admin/queues/');
  expect(response?.headers()['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await expect(page.getByText('Back Office queues').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /email/i }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('the SPA runs under the same CSP: no inline script allowed, none refused', async ({ page }) => {
  const violations = scriptViolations(page);
  const response = await page.goto('/login');
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect(violations).toEqual([]);
});
