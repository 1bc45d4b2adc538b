import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supervisorArguments } from '../../../../extension/cluster/supervisorLauncher.js';

test('the broker count setting reaches the CLI as --brokers; left out, the CLI default applies', () => {
  const base = { nodePath: 'node', cliPath: '/x/cli.js', dataDir: '/d', port: undefined, idleTimeoutMs: 1000 };
  assert.deepEqual(supervisorArguments({ ...base, brokers: 5 }), ['/x/cli.js', 'start', '--background', '--brokers', '5', '--data-dir', '/d', '--idle-timeout-ms', '1000']);
  assert.ok(!supervisorArguments(base).includes('--brokers'));
});
