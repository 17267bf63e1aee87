import type { Locator, Page } from '@playwright/test';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';
import { MAIN_PAGES } from './main-pages';

test.use({ viewport: { width: 390, height: 844 } });

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, `${locator} has no box`).not.toBeNull();
  return found!;
}

/** Nothing wider than the screen: the document does not scroll sideways (tables scroll inside their own container). */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

/** The header's burger, title and user menu sit side by side on the screen, none over another. */
async function expectHeaderFits(page: Page) {
  const header = page.getByRole('banner');
  const parts = [header.getByRole('button', { name: 'Toggle navigation' }), header.getByText('Back office', { exact: true }), page.getByTestId('user-menu')];
  const boxes = [];
  for (const part of parts) boxes.push(await box(part));
  for (let i = 1; i < boxes.length; i += 1) expect(boxes[i].x, 'header parts overlap').toBeGreaterThanOrEqual(boxes[i - 1].x + boxes[i - 1].width);
  const last = boxes[boxes.length - 1];
  expect(last.x + last.width).toBeLessThanOrEqual(390);
  await expect(header.getByTestId('tenant-switcher')).toHaveCount(0);
}

test('at phone width (390 × 844) every main page fits the screen and the navigation works by keyboard', async ({ page, request }) => {
  // Every main page is opened and checked (axe-core included): the budget grows with their number, as in the dark-mode spec.
  test.setTimeout(30_000 + MAIN_PAGES.length * 5_000);
  const tenant = await signUpTenant(request, 'Phone');
  await login(page, tenant.ownerEmail, NEW_PASSWORD);
  const burger = page.getByRole('button', { name: 'Toggle navigation' });
  const navigation = page.getByRole('navigation', { name: 'Main' });

  // Closed, the navigation is off-screen and out of the keyboard's way; Escape closes it and returns to the burger.
  const drawer = page.locator('#app-navigation');
  await expect(navigation).not.toBeInViewport();
  await expect(drawer).toHaveAttribute('inert');
  await burger.focus();
  await page.keyboard.press('Enter');
  await expect(burger).toHaveAttribute('aria-expanded', 'true');
  await expect(navigation.getByRole('link', { name: 'Members' })).toBeInViewport();
  await expect(drawer).not.toHaveAttribute('inert');
  await expect(page.getByTestId('tenant-switcher')).toBeVisible();
  // Every page of the navigation is checked below: a page added later fails here until it is in MAIN_PAGES.
  const linked = (await navigation.getByRole('link').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  expect(linked.filter((name) => !MAIN_PAGES.some((p) => p.link === name)), 'navigation links not in MAIN_PAGES').toEqual([]);
  await navigation.getByRole('link', { name: 'Members' }).focus();
  await page.keyboard.press('Escape');
  await expect(navigation).not.toBeInViewport();
  await expect(burger).toBeFocused();
  await expect(burger).toHaveAttribute('aria-expanded', 'false');

  for (const { link, heading } of MAIN_PAGES) {
    await burger.focus();
    await page.keyboard.press('Enter');
    const item = navigation.getByRole('link', { name: link, exact: true });
    await item.focus();
    await page.keyboard.press('Enter');
    // Following a link closes the navigation.
    await expect(drawer).toHaveAttribute('inert');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectHeaderFits(page);
    await expectNoSidewaysScroll(page);
  }

  // A modal fits the screen too.
  await burger.click();
  await navigation.getByRole('link', { name: 'Members', exact: true }).click();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await expect(dialog).toBeVisible();
  const modal = await box(dialog);
  expect(modal.x).toBeGreaterThanOrEqual(0);
  expect(modal.x + modal.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
