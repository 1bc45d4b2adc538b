// The machine's ceilings for the broker's work: raw sql.js blob inserts and raw file appends of the
// same batches, and loopback TCP between two threads.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

function makeBatches(batchBytes, batches) {
  const one = Buffer.alloc(batchBytes, 0x61);
  return Array.from({ length: batches }, () => one);
}

/**
 * One row per batch in a rowid table, as the broker stores them, in in-memory sql.js databases that
 * are closed and replaced every `segmentBytes`, as the broker seals its segments.
 */
export async function sqljsBlobInserts({ batchBytes, batches, segmentBytes = 64 * 1024 * 1024 }) {
  const initSqlJs = require('sql.js');
  const SQL = await initSqlJs();
  const data = makeBatches(batchBytes, batches);
  const openSegment = () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE batches (base_offset INTEGER NOT NULL, max_timestamp INTEGER NOT NULL, bytes BLOB NOT NULL)');
    return { db, insert: db.prepare('INSERT INTO batches (base_offset, max_timestamp, bytes) VALUES (?, ?, ?)'), bytes: 0 };
  };
  const close = (segment) => {
    segment.insert.free();
    segment.db.close();
  };
  const startedAt = performance.now();
  let segment = openSegment();
  try {
    for (let i = 0; i < batches; i++) {
      if (segment.bytes + batchBytes > segmentBytes && segment.bytes > 0) {
        close(segment);
        segment = openSegment();
      }
      segment.insert.run([i * 1000, Date.now(), data[i]]);
      segment.bytes += batchBytes;
    }
  } finally {
    close(segment);
  }
  return { bytes: batchBytes * batches, seconds: (performance.now() - startedAt) / 1000 };
}

/** fs.writeSync of each batch, one fsync at the end. */
export function fileAppends({ batchBytes, batches, dir }) {
  const file = path.join(dir, 'append.bin');
  const data = makeBatches(batchBytes, batches);
  const startedAt = performance.now();
  const fd = fs.openSync(file, 'a');
  for (let i = 0; i < batches; i++) fs.writeSync(fd, data[i]);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const seconds = (performance.now() - startedAt) / 1000;
  fs.rmSync(file, { force: true });
  return { bytes: batchBytes * batches, seconds };
}

const RECEIVER = `
const net = require('node:net');
const { parentPort } = require('node:worker_threads');
const server = net.createServer((socket) => {
  let bytes = 0; let first = 0;
  socket.on('data', (c) => { if (first === 0) first = performance.now(); bytes += c.length; });
  socket.on('end', () => { parentPort.postMessage({ bytes, seconds: (performance.now() - first) / 1000 }); server.close(); });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

/** One socket on 127.0.0.1, a worker thread receiving, this thread writing 1 MB buffers. */
export async function loopbackTcp({ totalBytes }) {
  const worker = new Worker(RECEIVER, { eval: true });
  try {
    const messages = [];
    const waiters = [];
    let failure;
    worker.on('message', (m) => (waiters.length ? waiters.shift().resolve(m) : messages.push(m)));
    worker.on('error', (e) => {
      failure = e;
      for (const w of waiters.splice(0)) w.reject(e);
    });
    const nextMessage = () => new Promise((resolve, reject) => {
      if (failure) reject(failure);
      else if (messages.length) resolve(messages.shift());
      else waiters.push({ resolve, reject });
    });
    const { port } = await nextMessage();
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    const chunk = Buffer.alloc(1 << 20, 0x62);
    let sent = 0;
    while (sent < totalBytes) {
      sent += chunk.length;
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
    }
    socket.end();
    const result = await nextMessage();
    return { bytes: result.bytes, seconds: result.seconds };
  } finally {
    await worker.terminate();
  }
}
