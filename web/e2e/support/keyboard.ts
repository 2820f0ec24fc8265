import type { Locator, Page } from 'playwright-core';

/**
 * Moves focus with Tab (or Shift+Tab) until `target` has it, as a keyboard user would: proof that the control is
 * reachable in the tab order. Fails if it is not reached within `limit` presses.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 40 } = {}): Promise<void> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reachable by keyboard in ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}: ${target}`);
}

/** Tabs to a text field and replaces what it holds by typing. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}
