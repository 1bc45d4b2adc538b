// Screenshots the e2e tests take: always under test-results/, and copied into docs/images/ for the
// README only when KW_UPDATE_SCREENSHOTS=1, so that an ordinary test run leaves the working tree clean.
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from '../../support/repoRoot.js';
import type { Workbench } from './codeServer.js';

export const docImagesDir = join(repoRoot, 'docs', 'images');

export function updatingDocScreenshots(): boolean {
  return process.env['KW_UPDATE_SCREENSHOTS'] === '1';
}

/** Copies a screenshot already saved at `file` into docs/images/ under the same name, if asked to. */
export function publishScreenshot(file: string): void {
  if (!updatingDocScreenshots()) return;
  mkdirSync(docImagesDir, { recursive: true });
  copyFileSync(file, join(docImagesDir, basename(file)));
}

/** Saves a screenshot of the window as `dir/name`, and for the README as docs/images/name when asked to. */
export async function screenshotForDocs(workbench: Workbench, dir: string, name: string): Promise<void> {
  const file = join(dir, name);
  await workbench.screenshot(file);
  publishScreenshot(file);
}
