import type { APIRequestContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect, login, NEW_PASSWORD, ownerQuery, signUpTenant, test } from './fixtures';

/** A health ping (harmless to run again) that used up its retries, for the tenant `tenantId`; `marker` names it in the list. */
async function seedDeadLetter(tenantId: string, marker: string): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `insert into dead_letters (id, tenant_id, queue, job_name, job_id, payload, error, stack, attempts, failed_at)
     values ($1, $2, 'system', 'system.health-ping', $3, $4, $5, $6, 5, now())`,
    [id, tenantId, `e2e-${id}`, JSON.stringify({ probe: marker }), `Redis timed out (${marker})`, `Error: Redis timed out\n    at ping (${marker}.js:1:1)`],
  );
  return id;
}

const marker = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const rowOf = (page: Page, mark: string) => page.getByTestId('dead-letter-row').filter({ hasText: mark });
const statusFilter = (page: Page) => page.getByRole('radiogroup', { name: 'Filter dead letters by status' });
const drawer = (page: Page) => page.getByRole('dialog', { name: 'Dead letter' });

async function openDeadLetters(page: Page) {
  await login(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dead letters' }).click();
  await expect(page).toHaveURL(/\/admin\/dead-letters$/);
}

/** The dead letters of each test belong to a tenant of its own. */
const tenantOfTest = async (request: APIRequestContext) => (await signUpTenant(request, 'Dead letters')).id;

test('platform staff discard one dead letter with a reason and replay others, one by one and in bulk', async ({ page, request }) => {
  const tenantId = await tenantOfTest(request);
  const [discarded, replayed, bulk] = [marker('discard'), marker('replay'), marker('bulk')];
  for (const mark of [discarded, replayed, bulk]) await seedDeadLetter(tenantId, mark);
  await openDeadLetters(page);

  // Open (the default filter): the row, then its drawer with the payload (as its job's staff policy shows it:
  // nothing of a health ping's) and the stack.
  const row = rowOf(page, discarded);
  await expect(row).toContainText('system.health-ping');
  await expect(row.getByTestId('status-badge')).toHaveText('open');
  await row.getByText(`Redis timed out (${discarded})`).click();
  await expect(drawer(page).getByTestId('dead-letter-payload')).toContainText('"probe": "[redacted]"');
  await expect(drawer(page).getByTestId('dead-letter-stack')).toContainText(`${discarded}.js`);

  // Discard: the reason is required.
  await drawer(page).getByRole('button', { name: 'Discard' }).click();
  const discardModal = page.getByRole('dialog', { name: 'Discard dead letter' });
  await expect(discardModal.getByRole('button', { name: 'Discard' })).toBeDisabled();
  await discardModal.getByLabel('Reason').fill('Ping for a Redis that has since moved');
  await discardModal.getByRole('button', { name: 'Discard' }).click();
  await expect(discardModal).toBeHidden();
  await expect(drawer(page).getByTestId('status-badge')).toHaveText('discarded');
  await expect(drawer(page).getByTestId('dead-letter-reason')).toHaveText('Ping for a Redis that has since moved');
  await expect(drawer(page).getByRole('button', { name: 'Replay' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toBeHidden();
  await expect(row).toHaveCount(0);

  // Replay from the drawer.
  await rowOf(page, replayed).getByText(`Redis timed out (${replayed})`).click();
  await drawer(page).getByRole('button', { name: 'Replay' }).click();
  await page.getByRole('dialog', { name: 'Replay dead letter' }).getByRole('button', { name: 'Replay' }).click();
  await expect(drawer(page).getByTestId('status-badge')).toHaveText('replayed');
  await expect(drawer(page).getByTestId('dead-letter-resolution')).toContainText('Replayed as job');
  await page.keyboard.press('Escape');

  // Bulk replay under "All": the discarded one cannot be replayed, and the page says so.
  await statusFilter(page).getByText('All', { exact: true }).click();
  await rowOf(page, discarded).getByRole('checkbox').check();
  await rowOf(page, bulk).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Replay selected' }).click();
  const failures = page.getByTestId('replay-failures');
  await expect(failures).toContainText('1 could not be replayed');
  await expect(failures).toContainText('system.health-ping');
  await expect(failures).toContainText(/discarded/);
  await expect(rowOf(page, bulk).getByTestId('status-badge')).toHaveText('replayed');

  await statusFilter(page).getByText('Discarded', { exact: true }).click();
  await expect(rowOf(page, discarded).getByTestId('status-badge')).toHaveText('discarded');
  await expect(rowOf(page, replayed)).toHaveCount(0);
  await statusFilter(page).getByText('Replayed', { exact: true }).click();
  await expect(rowOf(page, replayed).getByTestId('status-badge')).toHaveText('replayed');
  await expect(rowOf(page, bulk).getByTestId('status-badge')).toHaveText('replayed');
});

test('a conflicting change made elsewhere shows as a problem in the discard modal', async ({ page, request }) => {
  const mark = marker('conflict');
  const id = await seedDeadLetter(await tenantOfTest(request), mark);
  await openDeadLetters(page);
  await rowOf(page, mark).getByText(`Redis timed out (${mark})`).click();
  await drawer(page).getByRole('button', { name: 'Discard' }).click();
  // Someone else replays it meanwhile.
  await ownerQuery(`update dead_letters set status = 'replayed', resolved_at = now() where id = $1`, [id]);
  const modal = page.getByRole('dialog', { name: 'Discard dead letter' });
  await modal.getByLabel('Reason').fill('Too late');
  await modal.getByRole('button', { name: 'Discard' }).click();
  await expect(modal.getByTestId('problem-alert')).toContainText('Dead letter already resolved');
  await expect(modal.getByTestId('problem-alert')).toContainText('already replayed');
});

test('the queue dashboard opens in a new tab with its cookie set', async ({ page, context }) => {
  await openDeadLetters(page);
  const session = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/queues/session') && r.request().method() === 'POST');
  const tab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Queue dashboard' }).click();
  expect((await session).status()).toBe(201);
  const dashboard = await tab;
  await expect(dashboard).toHaveURL(/\/admin\/queues\/$/);
  await expect(dashboard).toHaveTitle('Back Office queues');
  const board = await page.request.get('/admin/queues/api/queues');
  expect(board.status()).toBe(200);
});

test('a tenant owner has no dead letters entry and no access to the page', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'No dead letters');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dead letters' })).toHaveCount(0);
  await page.goto('/admin/dead-letters');
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await expect(page.getByTestId('dead-letter-row')).toHaveCount(0);
});
