import { expect, NEW_PASSWORD, readEmailLink, test, uniqueEmail } from './fixtures';

test('a visitor signs up, opens the emailed link and lands in their new organization', async ({ page }) => {
  const email = uniqueEmail('signup');
  const tenantName = `E2E Studio ${Date.now().toString(36)}`;

  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Sam Signup');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Organization name').fill(tenantName);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText(`We sent a message to ${email}`)).toBeVisible();

  await page.goto(await readEmailLink(email, '/confirm-signup'));
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(email) })).toBeVisible();
  await expect(page.getByTestId('tenant-switcher')).toHaveValue(tenantName);
  // the link proved the address
  await expect(page.getByText('Please verify your email address')).toBeHidden();
});

test('signup shows field errors from the API', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Weak Password');
  await page.getByLabel('Email').fill(uniqueEmail('weak'));
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByLabel('Organization name').fill('Weak Co');
  await page.getByRole('button', { name: 'Sign up' }).click();

  await expect(page.getByText(/password must be/i)).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});
