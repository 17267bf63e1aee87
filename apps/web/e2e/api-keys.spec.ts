import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

test('an owner creates a scoped API key, sees it once, uses it and revokes it', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const tenant = await signUpTenant(request, 'Keys');
  const name = unique('E2E key');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API key' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('checkbox', { name: 'members:read', exact: true }).check();
  const createRequest = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/api-keys'));
  await dialog.getByRole('button', { name: 'Create key' }).click();
  // The client layer makes every create safe to retry.
  expect((await createRequest).headers()['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);

  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(shown.getByText("you won't see it again")).toBeVisible();
  const key = (await shown.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sk_live_\S+$/);
  await shown.getByRole('button', { name: 'Copy key' }).click();
  await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();

  // The key works against the API within its scope.
  const headers = { Authorization: `Bearer ${key}` };
  expect((await request.get('/api/v1/members', { headers })).status()).toBe(200);

  // Listed with its usage, and never with the secret.
  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByTestId('api-key-usage')).toHaveText('1');
  await expect(row).toContainText('members:read');
  await expect(row).toContainText(key.slice(-4));
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke API key' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByTestId('status-badge')).toHaveText('revoked');
  expect((await request.get('/api/v1/members', { headers })).status()).toBe(401);
});

test('a viewer sees the API keys but cannot create or revoke one', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Viewer keys');
  const email = uniqueEmail('viewer-keys');
  await createMemberThroughApi(request, tenant, email, ['viewer']);
  await login(page, email, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  // A viewer reads keys but holds no api_keys:write: nothing to create or revoke.
  await expect(page.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});

test('a member offers a new key only the scopes they hold themselves', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Integrator');
  const headers = { Authorization: `Bearer ${tenant.token}` };
  const created = await request.post('/api/v1/roles', {
    headers,
    data: { name: unique('Integrator'), description: 'Manages API keys', permissions: ['api_keys:read', 'api_keys:write', 'members:read'] },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const role = (await created.json()) as { key: string };
  const email = uniqueEmail('integrator');
  await createMemberThroughApi(request, tenant, email, [role.key]);

  await login(page, email, NEW_PASSWORD);
  await page.goto('/api-keys');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API key' });
  await expect(dialog.getByRole('checkbox', { name: 'members:read', exact: true })).toBeEnabled();
  await expect(dialog.getByRole('checkbox', { name: 'members:write', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('checkbox', { name: 'roles:write', exact: true })).toHaveCount(0);

  await dialog.getByRole('textbox', { name: 'Name' }).fill(unique('Integrator key'));
  await dialog.getByRole('checkbox', { name: 'members:read', exact: true }).check();
  await dialog.getByText('Test', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sk_test_/);
  expect((await request.get('/api/v1/members', { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(200);
});

test('an owner sees the plan and its limits on the usage page', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Usage');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  // A new tenant starts on the free plan.
  await expect(page.getByTestId('usage-plan')).toHaveText(/free/i);
  const members = page.getByTestId('usage-members');
  await expect(members).toContainText(/used/);
  await expect(members.getByRole('progressbar')).toBeVisible();
});
