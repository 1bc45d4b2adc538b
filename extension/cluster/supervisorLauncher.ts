// Starts the embedded cluster's supervisor as a detached background process that outlives this
// window, and reports how it ended if it ends early (port taken, another supervisor already running).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The supervisor's exit code when another supervisor already holds the data directory's lock. */
export const ALREADY_RUNNING_EXIT_CODE = 3;

const LAUNCH_OUTPUT_FILE = 'supervisor-launch.log';
const CLUSTER_LOG_FILE = 'cluster.log';

export interface SupervisorLaunchOptions {
  /** The executable that runs JavaScript: VS Code's own (with ELECTRON_RUN_AS_NODE) or node. */
  readonly nodePath: string;
  readonly cliPath: string;
  readonly dataDir: string;
  /** undefined: the supervisor's default (9092, or the next free port); a given port must be free. */
  readonly port: number | undefined;
  readonly idleTimeoutMs: number;
  /** Number of brokers (1 to 5); undefined leaves the CLI's default (3). */
  readonly brokers?: number;
  /** The listener security as a JSON file (see embeddedSecurity.ts); undefined: PLAINTEXT. */
  readonly securityFile?: string;
}

export interface SupervisorExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines the supervisor wrote, to explain a failure. */
  readonly output: string;
}

export interface LaunchedSupervisor {
  readonly pid: number | undefined;
  /** How it ended, once it has; a background supervisor normally keeps running. */
  exitStatus(): SupervisorExit | undefined;
  readonly exited: Promise<SupervisorExit>;
}

export function supervisorArguments(options: SupervisorLaunchOptions): string[] {
  return [
    options.cliPath,
    'start',
    '--background',
    ...(options.brokers === undefined ? [] : ['--brokers', String(options.brokers)]),
    ...(options.port === undefined ? [] : ['--port', String(options.port)]),
    '--data-dir',
    options.dataDir,
    '--idle-timeout-ms',
    String(options.idleTimeoutMs),
    ...(options.securityFile === undefined ? [] : ['--security-file', options.securityFile]),
  ];
}

function lastLines(text: string, count: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(-count)
    .join('\n');
}

function readTail(file: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-4000);
  } catch {
    return '';
  }
}

export function launchSupervisor(options: SupervisorLaunchOptions): LaunchedSupervisor {
  fs.mkdirSync(options.dataDir, { recursive: true });
  // Output goes to a file, not a pipe: the supervisor outlives this window and must not die
  // writing to a pipe nobody reads any more.
  const outputFile = path.join(options.dataDir, LAUNCH_OUTPUT_FILE);
  const outputFd = fs.openSync(outputFile, 'w');
  let status: SupervisorExit | undefined;
  let child;
  try {
    child = spawn(options.nodePath, supervisorArguments(options), {
      detached: true,
      stdio: ['ignore', outputFd, outputFd],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
  } finally {
    fs.closeSync(outputFd);
  }
  const exited = new Promise<SupervisorExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = ''): void => {
      if (status !== undefined) {
        return;
      }
      const output = lastLines(`${readTail(outputFile)}\n${extra}`, 3) || lastLines(readTail(path.join(options.dataDir, CLUSTER_LOG_FILE)), 3);
      status = { code, signal, output };
      resolve(status);
    };
    child.once('error', (error) => finish(null, null, error.message));
    child.once('exit', (code, signal) => finish(code, signal));
  });
  child.unref();
  return { pid: child.pid, exitStatus: () => status, exited };
}

/** A sentence for the user about a supervisor that exited before the cluster was up: its last line. */
export function describeEarlyExit(exit: SupervisorExit): string {
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  const lastLine = lastLines(exit.output, 1).replace(/^kafka-workbench:\s*/, '');
  return lastLine.length > 0
    ? `The embedded cluster could not start: ${lastLine}`
    : `The embedded cluster could not start: its supervisor ${how}.`;
}
