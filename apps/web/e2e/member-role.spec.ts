import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';

test("an owner changes a member's roles", async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Roles');
  const email = uniqueEmail('role-change');
  await createMemberThroughApi(request, tenant, email, ['client']);

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByLabel('Search members').fill(email);
  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText('Client');

  await row.getByRole('button', { name: `Actions for ${email}` }).click();
  await page.getByRole('menuitem', { name: 'Change roles' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change roles' });
  await dialog.getByLabel('Client').uncheck();
  await dialog.getByLabel('Support').check();
  await dialog.getByRole('button', { name: 'Save roles' }).click();
  await expect(dialog).toBeHidden();

  await expect(row).toContainText('Support');
  await expect(row).not.toContainText('Client');

  // The role filter finds the member under the new role.
  await page.getByRole('combobox', { name: 'Filter by role' }).click();
  await page.getByRole('option', { name: 'Support' }).click();
  await expect(row).toBeVisible();
});
