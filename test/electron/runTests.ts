// Runs the extension tests in a desktop VS Code through @vscode/test-electron. It downloads a VS Code
// build, which this project's CI machine cannot do (only npm and Debian's registries are reachable),
// so CI runs the code-server suite in test/e2e instead; this one is for machines that can.
// Usage: npm run build && npx tsc -p . && node dist-test/test/electron/runTests.js

import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../support/repoRoot.js';
import { tempDir } from '../support/tempDir.js';

async function main(): Promise<void> {
  const dataDir = tempDir('electron-cluster');
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', tempDir('electron-workspace')],
    extensionTestsEnv: { KAFKA_WORKBENCH_TEST_DATA_DIR: dataDir },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`electron tests failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
