import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ControlConnection } from '../../../../broker/cluster/controlConnection.js';
import { startFakeSupervisor } from '../../extension/cluster/fakeSupervisor.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-ext-control-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ControlConnection', () => {
  it('says hello, attaches and reads the status', async () => {
    const fake = await startFakeSupervisor(dir, 'tok');
    try {
      const connection = await ControlConnection.open(fake.lock.controlPort, 'tok');
      await connection.attach('cli-1');
      const status = await connection.status();
      assert.equal(status.bootstrapServers, '127.0.0.1:19092');
      assert.equal(status.attached, 1);
      const closed = new Promise<void>((resolve) => connection.onClose(() => resolve()));
      connection.close();
      await closed;
      assert.equal(connection.closed, true);
    } finally {
      await fake.close();
    }
  });

  it('fails with the supervisor\'s reason on a wrong token', async () => {
    const fake = await startFakeSupervisor(dir, 'right');
    try {
      await assert.rejects(ControlConnection.open(fake.lock.controlPort, 'wrong'), /refused "hello": bad token/);
    } finally {
      await fake.close();
    }
  });

  it('fails when nothing listens on the control port', async () => {
    const fake = await startFakeSupervisor(dir, 'x');
    await fake.close();
    await assert.rejects(ControlConnection.open(fake.lock.controlPort, 'x'));
  });
});
