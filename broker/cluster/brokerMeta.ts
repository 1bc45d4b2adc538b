// The meta file in each broker's data directory (like Kafka's meta.properties): which cluster and node
// the directory belongs to, so a broker never joins a cluster with another cluster's data.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const BROKER_META_FILE = 'meta.properties';

export class ForeignDataDirError extends Error {}

function parse(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq > 0) entries.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  return entries;
}

/**
 * Claims `dataDir` for this cluster and node: writes the meta file on first use, and refuses (with a
 * message naming the directory) when it records another cluster id or node id.
 */
export function claimBrokerDataDir(dataDir: string, clusterId: string, nodeId: number): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, BROKER_META_FILE);
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const meta = parse(text);
    const storedCluster = meta.get('cluster.id');
    const storedNode = meta.get('node.id');
    if (storedCluster !== clusterId) {
      throw new ForeignDataDirError(
        `broker ${nodeId} refuses to join cluster ${clusterId}: its data directory ${dataDir} belongs to cluster ${storedCluster ?? '(unknown)'} (see ${file}); move it away or use another --data-dir`,
      );
    }
    if (storedNode !== String(nodeId)) {
      throw new ForeignDataDirError(`broker ${nodeId} refuses to start: its data directory ${dataDir} belongs to node ${storedNode ?? '(unknown)'} (see ${file})`);
    }
    return;
  }
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `# Written by kafka-workbench: the cluster and node this directory belongs to.\nversion=1\ncluster.id=${clusterId}\nnode.id=${nodeId}\n`);
  fs.renameSync(tmp, file);
}
