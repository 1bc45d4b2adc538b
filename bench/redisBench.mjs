// The peer: Redis Streams from Debian's redis-server with AOF everysec, loaded by redis-benchmark
// (XADD, pipelined) and drained by XREADGROUP over a raw RESP socket from this process.
import { performance } from 'node:perf_hooks';
import * as net from 'node:net';
import { cpuOfTimedRun, cpuSeconds, machineBusySeconds, sleep, start, startWithCpu } from './system.mjs';

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRedis(dir) {
  const port = await freePort();
  const handle = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes',
    '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--protected-mode', 'no']);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const client = await RespClient.connect(port);
      const pong = await client.command(['PING']);
      client.close();
      if (pong === 'PONG') break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING: ${e.message}\n${handle.output()}`);
      await sleep(20);
    }
  }
  return {
    port,
    pid: handle.child.pid,
    async stop() {
      handle.child.kill('SIGTERM');
      const timer = setTimeout(() => handle.child.kill('SIGKILL'), 10_000);
      await handle.done;
      clearTimeout(timer);
    },
  };
}

/** redis-benchmark -P 100 XADD of `valueSize`-byte values; the rate it reports and the CPU each side used. */
export async function xaddBenchmark({ port, pid, records, valueSize }) {
  const value = 'v'.repeat(valueSize);
  const cpuBefore = cpuSeconds(pid);
  const machineBefore = machineBusySeconds();
  const startedAt = performance.now();
  const r = await startWithCpu('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-P', '100', '-c', '50', '-n', String(records),
    '--csv', 'XADD', 'benchstream', '*', 'v', value]).done;
  const seconds = (performance.now() - startedAt) / 1000;
  if (r.code !== 0) throw new Error(`redis-benchmark failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
  const row = r.stdout.trim().split('\n').find((l) => /^"XADD/.test(l));
  const reported = row ? Number(row.split(',')[1]?.replace(/"/g, '')) : NaN;
  return { recordsPerSecond: reported, seconds, serverCpu: cpuSeconds(pid) - cpuBefore, clientCpu: cpuOfTimedRun(r.stderr), machineCpu: machineBusySeconds() - machineBefore };
}

/** Reads every entry of the stream through one consumer group, COUNT entries per call, until `expected`. */
export async function xreadgroupDrain({ port, pid, expected, count = 1000 }) {
  const client = await RespClient.connect(port);
  try {
    await client.command(['XGROUP', 'CREATE', 'benchstream', 'bench', '0']);
    const cpuBefore = cpuSeconds(pid);
    const machineBefore = machineBusySeconds();
    const ownCpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    let read = 0;
    while (read < expected) {
      const reply = await client.command(['XREADGROUP', 'GROUP', 'bench', 'c1', 'COUNT', String(count), 'STREAMS', 'benchstream', '>']);
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) break;
      read += entries.length;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const own = process.cpuUsage(ownCpuBefore);
    return { read, seconds, serverCpu: cpuSeconds(pid) - cpuBefore, clientCpu: (own.user + own.system) / 1e6, machineCpu: machineBusySeconds() - machineBefore };
  } finally {
    client.close();
  }
}

/** Just enough RESP2 for the bench: one command in flight, replies parsed into strings, numbers, arrays. */
export class RespClient {
  static connect(port) {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RespClient(socket));
      });
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.chunks = [];
    this.waiting = undefined;
    socket.on('data', (chunk) => {
      this.chunks.push(chunk);
      // A whole reply ends in CRLF; parsing only then keeps a large reply from being re-parsed per chunk.
      if (chunk.length >= 2 && chunk[chunk.length - 2] === 0x0d && chunk[chunk.length - 1] === 0x0a) this.tryResolve();
    });
    socket.on('error', (e) => this.waiting?.reject(e));
  }

  command(args) {
    const parts = [`*${args.length}\r\n`];
    for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(parts.join(''));
    });
  }

  tryResolve() {
    if (!this.waiting) return;
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [buffer];
    const parsed = parseResp(buffer, 0);
    if (!parsed) return;
    const rest = buffer.subarray(parsed.end);
    this.chunks = rest.length > 0 ? [rest] : [];
    const { resolve, reject } = this.waiting;
    this.waiting = undefined;
    if (parsed.value instanceof Error) reject(parsed.value);
    else resolve(parsed.value);
  }

  close() {
    this.socket.destroy();
  }
}

/** Parses one RESP2 value at `at`; undefined when the buffer does not hold all of it yet. */
export function parseResp(buf, at) {
  const lineEnd = buf.indexOf('\r\n', at, 'latin1');
  if (lineEnd < 0) return undefined;
  const type = buf[at];
  const head = buf.toString('latin1', at + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case 0x2b: // +
      return { value: head, end: next };
    case 0x2d: // -
      return { value: new Error(head), end: next };
    case 0x3a: // :
      return { value: Number(head), end: next };
    case 0x24: { // $
      const len = Number(head);
      if (len < 0) return { value: null, end: next };
      if (buf.length < next + len + 2) return undefined;
      return { value: buf.toString('latin1', next, next + len), end: next + len + 2 };
    }
    case 0x2a: { // *
      const len = Number(head);
      if (len < 0) return { value: null, end: next };
      const items = [];
      let pos = next;
      for (let i = 0; i < len; i++) {
        const item = parseResp(buf, pos);
        if (!item) return undefined;
        items.push(item.value);
        pos = item.end;
      }
      return { value: items, end: pos };
    }
    default:
      throw new Error(`unexpected RESP type byte ${type} at ${at}`);
  }
}
