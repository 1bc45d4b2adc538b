// Runs the kcat command line client (librdkafka) against a test cluster, with a timeout.
import { spawn } from 'node:child_process';

export interface KcatResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface KcatOptions {
  /** Written to kcat's standard input, which is then closed. */
  input?: string | Buffer;
  /** Liveness bound; on expiry kcat is killed and the promise rejects. */
  timeoutMs?: number;
}

export function runKcat(args: readonly string[], options: KcatOptions = {}): Promise<KcatResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} did not finish within ${timeoutMs} ms\nstderr: ${Buffer.concat(stderr).toString('utf8')}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run kcat (install it with scripts/install-system-deps.sh): ${error.message}`));
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode, signal });
    });
    // kcat may exit before reading all of its input (a bad flag); that is reported through its exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Produces one record per line (key and value split on `keyDelimiter` when given); throws on a non-zero exit. */
export async function kcatProduce(bootstrap: string, topic: string, lines: readonly string[], keyDelimiter?: string): Promise<void> {
  const args = ['-P', '-b', bootstrap, '-t', topic];
  if (keyDelimiter !== undefined) args.push('-K', keyDelimiter);
  const result = await runKcat(args, { input: lines.map((line) => `${line}\n`).join('') });
  if (result.exitCode !== 0) throw new Error(`kcat produce to ${topic} failed (${result.exitCode ?? result.signal}): ${result.stderr}`);
}

/** Consumes `count` records from the beginning of a topic and returns their values, one per line. */
export async function kcatConsume(bootstrap: string, topic: string, count: number, timeoutMs?: number): Promise<string[]> {
  const args = ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-c', String(count), '-e', '-q', '-f', '%s\\n'];
  const result = await runKcat(args, timeoutMs === undefined ? {} : { timeoutMs });
  if (result.exitCode !== 0) throw new Error(`kcat consume from ${topic} failed (${result.exitCode ?? result.signal}): ${result.stderr}`);
  return result.stdout.split('\n').slice(0, -1);
}
