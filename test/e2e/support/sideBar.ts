// Locators and actions for what the e2e suites read and click in the side bar, notifications and
// quick input, written once so that a change in VS Code's DOM is answered in one place.
import type { Locator, Page } from 'playwright-core';
import { UI_MS } from './useWorkbench.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first side bar tree row whose label (not description) is exactly `label`, or matches it. */
export function treeRow(page: Page, label: string | RegExp): Locator {
  const name = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label;
  return page.locator('.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
}

/** Clicks one of a tree row's inline actions, which are only drawn while the row is hovered. */
export async function clickRowAction(page: Page, label: string, action: string): Promise<void> {
  const row = treeRow(page, label);
  await row.hover();
  await row.locator(`.action-label[aria-label="${action}"]`).click({ timeout: UI_MS });
}

/** The header of one view ("Topics", "Consumer Groups"...) of the Kafka container. */
export function paneHeader(page: Page, view: string): Locator {
  return page.locator('.sidebar .pane-header', { hasText: new RegExp(`^${escapeRegExp(view)}`, 'i') }).first();
}

/** Expands a view of the side bar by its header, if it is collapsed. */
export async function expandPane(page: Page, view: string): Promise<void> {
  const header = paneHeader(page, view);
  await header.waitFor({ timeout: UI_MS });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** Clicks a title action of a view (e.g. "Refresh Topics"); they only show while its header is hovered. */
export async function clickViewAction(page: Page, view: string, action: string, timeoutMs = UI_MS): Promise<void> {
  const header = paneHeader(page, view);
  await header.hover({ timeout: timeoutMs });
  await header.locator(`.action-label[aria-label="${action}"]`).click({ timeout: timeoutMs });
}

/** The first notification toast that says `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** The quick input's text box (input boxes, quick picks, code-server's file dialogs). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Drags the side bar's edge `pixels` to the right, so screenshots show whole descriptions. */
export async function widenSideBar(page: Page, pixels: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null) return;
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + pixels, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Opens a workspace file by name through Quick Open and waits for its editor to show `shownText`. */
export async function openWorkspaceFile(page: Page, fileName: string, shownText: string, timeoutMs = UI_MS): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: shownText }).first().waitFor({ timeout: timeoutMs });
}
