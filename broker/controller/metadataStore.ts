// Durable controller metadata in a sql.js database file: cluster id, topics, partitions. Each change
// is exported whole and replaced atomically (write, fsync, rename): metadata is small and changes rarely.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../storage/sqlJs.js';
import type { PartitionState, TopicState } from './metadataImage.js';

const FORMAT_VERSION = 1;
const FILE = 'metadata.sqlite';

export interface StoredMetadata {
  readonly clusterId: string;
  readonly topics: readonly TopicState[];
}

export class MetadataStore {
  private constructor(private readonly db: Database, private readonly file: string) {}

  static async open(dir: string, newClusterId: () => string): Promise<MetadataStore> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, FILE);
    const SQL = await loadSqlJs();
    let db: Database;
    if (fs.existsSync(file)) {
      const bytes = fs.readFileSync(file);
      if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') {
        throw new Error(`${file} is not a SQLite file; refusing to start (nothing was deleted)`);
      }
      db = new SQL.Database(bytes);
      const version = Number(db.exec("SELECT value FROM cluster WHERE key = 'format_version'")[0]?.values[0]?.[0] ?? 0);
      if (version > FORMAT_VERSION) {
        throw new Error(`${file} was written by a newer format version (${version} > ${FORMAT_VERSION}); refusing to start`);
      }
    } else {
      db = new SQL.Database();
      db.run(`
        CREATE TABLE cluster (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE topics (name TEXT PRIMARY KEY, topic_id TEXT NOT NULL, internal INTEGER NOT NULL, configs TEXT NOT NULL);
        CREATE TABLE partitions (topic TEXT NOT NULL, partition INTEGER NOT NULL, leader INTEGER NOT NULL,
          leader_epoch INTEGER NOT NULL, replicas TEXT NOT NULL, isr TEXT NOT NULL, partition_epoch INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (topic, partition));
      `);
      db.run('INSERT INTO cluster VALUES (?, ?), (?, ?)', ['format_version', String(FORMAT_VERSION), 'cluster_id', newClusterId()]);
    }
    // Stores written before replication lack the partition epoch; they start it at 0.
    const columns = db.exec('PRAGMA table_info(partitions)')[0]?.values.map((row) => String(row[1])) ?? [];
    if (!columns.includes('partition_epoch')) db.run('ALTER TABLE partitions ADD COLUMN partition_epoch INTEGER NOT NULL DEFAULT 0');
    const store = new MetadataStore(db, file);
    store.persist();
    return store;
  }

  load(): StoredMetadata {
    const clusterId = String(this.db.exec("SELECT value FROM cluster WHERE key = 'cluster_id'")[0]?.values[0]?.[0]);
    const partitions = new Map<string, PartitionState[]>();
    for (const row of this.db.exec('SELECT topic, partition, leader, leader_epoch, replicas, isr, partition_epoch FROM partitions ORDER BY topic, partition')[0]?.values ?? []) {
      const [topic, partition, leader, leaderEpoch, replicas, isr, partitionEpoch] = row;
      const list = partitions.get(String(topic)) ?? [];
      list.push({
        partition: Number(partition),
        leader: Number(leader),
        leaderEpoch: Number(leaderEpoch),
        partitionEpoch: Number(partitionEpoch),
        replicas: JSON.parse(String(replicas)) as number[],
        isr: JSON.parse(String(isr)) as number[],
      });
      partitions.set(String(topic), list);
    }
    const topics: TopicState[] = [];
    for (const row of this.db.exec('SELECT name, topic_id, internal, configs FROM topics ORDER BY name')[0]?.values ?? []) {
      const [name, topicId, internal, configs] = row;
      topics.push({
        name: String(name),
        topicId: String(topicId),
        internal: Number(internal) === 1,
        configs: JSON.parse(String(configs)) as Record<string, string>,
        partitions: partitions.get(String(name)) ?? [],
      });
    }
    return { clusterId, topics };
  }

  /** Replaces the stored topics with `topics` in one transaction, then persists the file. */
  saveTopics(topics: readonly TopicState[]): void {
    this.db.run('BEGIN');
    try {
      this.db.run('DELETE FROM topics');
      this.db.run('DELETE FROM partitions');
      for (const t of topics) {
        this.db.run('INSERT INTO topics VALUES (?, ?, ?, ?)', [t.name, t.topicId, t.internal ? 1 : 0, JSON.stringify(t.configs)]);
        for (const p of t.partitions) {
          this.db.run('INSERT INTO partitions VALUES (?, ?, ?, ?, ?, ?, ?)', [
            t.name, p.partition, p.leader, p.leaderEpoch, JSON.stringify(p.replicas), JSON.stringify(p.isr), p.partitionEpoch,
          ]);
        }
      }
      this.db.run('COMMIT');
    } catch (err) {
      this.db.run('ROLLBACK');
      throw err;
    }
    this.persist();
  }

  close(): void {
    this.db.close();
  }

  private persist(): void {
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, this.db.export());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}
