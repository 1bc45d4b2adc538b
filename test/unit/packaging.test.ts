// Checks that the packaged VSIX holds only what runs: bundles, wasm, manifest, docs and icons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repoRoot.js';
import { zipEntryNames } from '../support/zipEntries.js';

const vsix = join(repoRoot, 'dist-vsix', 'kafka-workbench.vsix');

function packagedEntries(): string[] {
  // test-all.sh packages before running the unit tests; a lone run of this file packages itself.
  if (!existsSync(vsix)) {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}${result.stderr}`);
  }
  return zipEntryNames(vsix);
}

test('the VSIX holds the manifest, the extension bundle and the wasm files it loads', () => {
  const entries = packagedEntries();
  for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/sql-wasm.wasm', 'extension/dist/native.wasm', 'extension/dist/zstd.wasm', 'extension/LICENSE.txt']) {
    assert.ok(entries.includes(required), `${required} is missing from the VSIX: ${entries.join(', ')}`);
  }
});

test('the VSIX holds no sources, tests, source maps or node_modules', () => {
  const unwanted = packagedEntries().filter(
    (name) =>
      /\.(ts|tsx|map)$/.test(name) ||
      /(^|\/)(node_modules|test|dist-test|scripts|\.ci|\.git)\//.test(name) ||
      /^extension\/(broker|extension|language|webview)\//.test(name),
  );
  assert.deepEqual(unwanted, []);
});
