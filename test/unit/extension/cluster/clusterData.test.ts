import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearDirectory, directorySize } from '../../../../extension/cluster/clusterData.js';
import { formatBytes } from '../../../../extension/topics/topicListing.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-cluster-data-'));
  dirs.push(dir);
  return dir;
}

describe('cluster data', () => {
  it('sums the files of nested directories', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'broker-1', 'topic-0'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'meta.db'), Buffer.alloc(1000));
    fs.writeFileSync(path.join(dir, 'broker-1', 'topic-0', 'seg'), Buffer.alloc(2345));
    assert.equal(await directorySize(dir), 3345);
    assert.equal(await directorySize(path.join(dir, 'missing')), 0);
  });

  it('clears the contents but keeps the directory', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'b', 'f'), 'x');
    fs.writeFileSync(path.join(dir, 'g'), 'y');
    await clearDirectory(dir);
    assert.deepEqual(fs.readdirSync(dir), []);
    await clearDirectory(path.join(dir, 'missing'));
  });

  it('formats sizes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MB');
    assert.equal(formatBytes(2 * 1024 ** 3), '2.0 GB');
  });
});
