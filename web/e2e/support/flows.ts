import type { Page } from 'playwright-core';

/** Signs up through the page, by keyboard, and waits for the signed-in header. Returns the credentials. */
export async function signUp(page: Page, name = 'Ada') {
  const email = `student-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  await page.goto('/signup');
  await page.getByLabel('Name (optional)').focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('header-balance').waitFor();
  return { email, password };
}

/** The credits the header shows. */
export async function headerBalance(page: Page): Promise<number> {
  const text = (await page.getByTestId('header-balance').textContent()) ?? '';
  return Number.parseInt(text, 10);
}

/** Waits until the header shows `credits` (it is re-read after every spend). */
export async function waitForBalance(page: Page, credits: number): Promise<void> {
  await page
    .getByTestId('header-balance')
    .filter({ hasText: new RegExp(`^${credits}\\s`) })
    .waitFor();
}
