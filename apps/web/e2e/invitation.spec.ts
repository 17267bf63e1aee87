import { expect, login, NEW_PASSWORD, readEmailLink, signUpTenant, test, uniqueEmail } from './fixtures';

test('an owner invites a member who accepts from the email link', async ({ page, browser, request }) => {
  const tenant = await signUpTenant(request, 'Invitation');
  const email = uniqueEmail('invitee');

  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Mentor').check();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: 'Invitations' }).click();
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('pending');

  const link = await readEmailLink(email, '/accept-invitation');
  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole('heading', { name: `Join ${tenant.name}` })).toBeVisible();
  await inviteePage.getByLabel('Your name').fill('Ivy Invitee');
  await inviteePage.getByRole('textbox', { name: 'Password', exact: true }).fill(NEW_PASSWORD);
  await inviteePage.getByRole('button', { name: 'Accept invitation' }).click();

  // The new mentor is signed in, inside the owner's tenant, on the first page their role may see.
  await expect(inviteePage).not.toHaveURL(/accept-invitation/);
  await expect(inviteePage.getByTestId('user-menu')).toHaveText('Ivy Invitee');
  await expect(inviteePage.getByTestId('tenant-switcher')).toHaveValue(tenant.name);
  await invitee.close();

  await page.getByText('Accepted', { exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('accepted');
});
