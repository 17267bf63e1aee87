import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

test('an owner filters the audit log by action and opens the diff of a change', async ({ page, request }) => {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const before = `Audit role ${suffix}`;
  const after = `Audit role ${suffix} renamed`;
  const tenant = await signUpTenant(request, 'Audit');
  const headers = { Authorization: `Bearer ${tenant.token}` };
  const created = await request.post('/api/v1/roles', { headers, data: { name: before, description: 'first', permissions: ['members:read'] } });
  expect(created.ok(), await created.text()).toBeTruthy();
  const role = (await created.json()) as { id: string };
  const updated = await request.patch(`/api/v1/roles/${role.id}`, { headers, data: { name: after, description: 'first', permissions: ['members:read', 'roles:read'] } });
  expect(updated.ok(), await updated.text()).toBeTruthy();

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('textbox', { name: 'Action' }).fill('role.updated');
  await page.getByRole('textbox', { name: 'Entity id' }).fill(role.id);
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('role.updated');
  await expect(rows.first()).toContainText(tenant.ownerEmail);

  await rows.first().getByRole('button', { name: 'Details of role.updated' }).click();
  const drawer = page.getByRole('dialog');
  const changes = drawer.getByRole('table', { name: 'Changes' });
  const name = changes.getByRole('row').filter({ hasText: /^name/ });
  await expect(name).toHaveAttribute('data-change', 'changed');
  await expect(name).toContainText(before);
  await expect(name).toContainText(after);
  await expect(changes.getByRole('row').filter({ hasText: /^permissions/ })).toContainText('roles:read');
  // Fields that did not change are hidden until asked for.
  await expect(changes.getByRole('row').filter({ hasText: /^description/ })).toHaveCount(0);

  // The export honours the filters.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text).toContain('role.updated');
  expect(text).not.toContain('role.created');
});
