// Starts the built CLI (`dist/cli.js start`) as a real cluster for tests, and makes sure it dies with them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { builtFile } from './repoRoot.js';
import { onCleanup } from './cleanup.js';
import { tempDir } from './tempDir.js';
import { killSupervisorOf } from './supervisorLock.js';

export interface ClusterOptions {
  /** Number of brokers (passed as `--brokers N`); 1 when absent (the CLI's own default is 3). */
  brokers?: number;
  /** Reuse a data directory, e.g. to restart a cluster on what an earlier one wrote. Fresh temp dir by default. */
  dataDir?: string;
  extraArgs?: string[];
  /** Liveness bound for the ready line. */
  readyTimeoutMs?: number;
}

export interface TestCluster {
  /** Comma-separated host:port list, as printed on the ready line. */
  bootstrap: string;
  /** Port of the first broker. */
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM, then waits for the supervisor to exit (SIGKILL after a long grace period). */
  stop(): Promise<void>;
  /** SIGKILL to the supervisor and every process of its group: a crash. */
  kill(): Promise<void>;
  /** Everything the CLI printed so far, stdout and stderr interleaved. */
  output(): string;
}

const readyLine = /^Kafka cluster ready: (\S+)\s*$/m;
const stopGraceMs = 30_000;

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const cli = builtFile('cli.js');
  const dataDir = options.dataDir ?? tempDir('cluster');
  const args = [cli, 'start', '--port', '0', '--data-dir', dataDir];
  // One broker unless asked: most tests need no replication, and one process starts fastest.
  args.push('--brokers', String(options.brokers ?? 1));
  args.push(...(options.extraArgs ?? []));

  // Its own process group, so kill() reaches the brokers it forked even if the supervisor cannot pass it on.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = once(child, 'exit').then(() => undefined);

  const killGroup = (): void => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
    // In case the CLI handed the cluster to a supervisor of its own (detached, in another group).
    killSupervisorOf(dataDir);
  };
  const forget = onCleanup(killGroup);
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;

  const bootstrap = await new Promise<string>((resolve, reject) => {
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => finish(new Error(`cluster did not print "Kafka cluster ready" within ${timeoutMs} ms`)), timeoutMs);
    const onData = (): void => {
      const match = readyLine.exec(text);
      if (match?.[1]) finish(undefined, match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(new Error(`cluster exited (${signal ?? `code ${code}`}) before it was ready`));
    const onError = (error: Error): void => finish(error);
    function finish(error: Error | undefined, value?: string): void {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) {
        killGroup();
        reject(new Error(`${error.message}\n--- cli output (${args.join(' ')}) ---\n${text}`));
      } else {
        resolve(value ?? '');
      }
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
    onData();
  });

  const first = bootstrap.split(',')[0] ?? '';
  const port = Number(first.slice(first.lastIndexOf(':') + 1));

  return {
    bootstrap,
    port,
    dataDir,
    process: child,
    output: () => text,
    async stop() {
      if (alive()) {
        child.kill('SIGTERM');
        const timer = setTimeout(killGroup, stopGraceMs);
        await exited;
        clearTimeout(timer);
      }
      // Brokers are meant to exit with their supervisor; this only stops stragglers from leaking.
      killGroup();
      forget();
    },
    async kill() {
      killGroup();
      await exited;
      forget();
    },
  };
}
