// Process plumbing for the bench: spawning with guaranteed cleanup (Ctrl-C, failure, normal exit),
// temp dirs, CPU time and peak RSS from /proc, and the machine description printed with the table.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ; /proc/<pid>/stat counts in these ticks.

const groups = new Set(); // pids of process groups we started (spawned detached)
const tempDirs = new Set();
const hooks = new Set(); // synchronous cleanups for what is not in our process groups
let cleaned = false;

/** Registers a synchronous cleanup that cleanupAll runs first; returns a function that unregisters it. */
export function onCleanup(hook) {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Kills every process group the bench started and removes its temp dirs. Safe to call twice. */
export function cleanupAll() {
  if (cleaned) return;
  cleaned = true;
  for (const hook of [...hooks].reverse()) {
    try { hook(); } catch { /* best effort: the others still run */ }
  }
  hooks.clear();
  for (const pid of groups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  groups.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function installCleanupHandlers() {
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`bench: ${signal}, stopping everything it started`);
      cleanupAll();
      process.exit(130);
    });
  }
}

export function makeTempDir(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kw-bench-${label}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Spawns a command in its own process group, so that it and everything it forks can be killed.
 * Returns the child plus `done`, resolving to { code, signal, stdout, stderr } (strings when captured).
 */
export function start(command, args, { capture = true, stdin = 'ignore', env, cwd } = {}) {
  const child = spawn(command, args, {
    // capture 'stderr' drops stdout (a consumer writing records nobody reads) but keeps stderr;
    // 'stream' leaves stdout as a pipe for the caller to read.
    stdio: [stdin, capture === true || capture === 'stream' ? 'pipe' : 'ignore', capture ? 'pipe' : 'inherit'],
    detached: true,
    env: env ?? process.env,
    cwd,
  });
  if (child.pid !== undefined) groups.add(child.pid);
  const out = [];
  const err = [];
  if (capture === true) child.stdout.on('data', (c) => out.push(c));
  if (capture) {
    child.stderr.on('data', (c) => err.push(c));
  }
  const done = new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`could not run ${command}: ${e.message}`)));
    child.once('close', (code, signal) => {
      groups.delete(child.pid);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  return { child, done, output: () => Buffer.concat(out).toString('utf8') + Buffer.concat(err).toString('utf8') };
}

/** Runs a command to completion; rejects on a non-zero exit with its stderr. */
export async function run(command, args, options = {}) {
  const { done } = start(command, args, options);
  const result = await done;
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code ?? result.signal}\n${result.stderr.slice(-2000)}`);
  return result;
}

/**
 * Runs the client under bash and prints bash's `times` on stderr after a marker line, because
 * /proc/<pid>/stat is gone once a short-lived client exits; cpuOfTimedRun reads it back.
 */
export function startWithCpu(command, args, options = {}) {
  const quoted = [command, ...args].map(shellQuote).join(' ');
  return start('bash', ['-c', `${quoted}; status=$?; echo __BENCH_TIMES__ >&2; times >&2; exit $status`], options);
}

/** CPU seconds (user+system) of the children of a startWithCpu run, from the second `times` line. */
export function cpuOfTimedRun(stderr) {
  const at = stderr.lastIndexOf('__BENCH_TIMES__');
  if (at < 0) return NaN;
  const lines = stderr.slice(at).split('\n').filter((l) => /\dm[\d.]+s/.test(l));
  const children = lines[1];
  if (!children) return NaN;
  let total = 0;
  for (const m of children.matchAll(/(\d+)m([\d.]+)s/g)) total += Number(m[1]) * 60 + Number(m[2]);
  return total;
}

export function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** User+system CPU seconds a live process has used so far. */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

function statusField(pid, name) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds the whole machine has been busy (every process, ours or not) since boot, from /proc/stat. */
export function machineBusySeconds() {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal ...: everything but idle and iowait is work.
  const busy = ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3] - ticks[4];
  return busy / CLOCK_TICKS_PER_SECOND;
}

/** Peak resident set size (VmHWM) in bytes. */
export function peakRssBytes(pid) {
  return statusField(pid, 'VmHWM');
}

export function rssBytes(pid) {
  return statusField(pid, 'VmRSS');
}

/** Every descendant pid of `pid`, found by scanning parent pids in /proc. */
export function descendantsOf(pid) {
  const parentOf = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch { /* exited while scanning */ }
  }
  const found = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const p = frontier.pop();
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

export function machineInfo() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpuModel: model,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/**
 * Resolves with the first truthy value `condition` gives, asking every `intervalMs`; a condition that
 * throws counts as "not yet". Rejects after `timeoutMs`, naming `what` and the last error.
 */
export async function poll(condition, what, timeoutMs = 60_000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
