// The broker's one logging seam: every module logs through a Logger it is handed, so the broker
// process, the CLI and tests each decide where lines go. stderrLogger is the process default.

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

function line(level: string, prefix: string, msg: string): string {
  return `${new Date().toISOString()} ${level}${prefix ? ` [${prefix}]` : ''} ${msg}\n`;
}

/** Writes timestamped lines to stderr; stdout stays free for a process's own protocol or output. */
export function stderrLogger(prefix = ''): Logger {
  return {
    info: (msg) => void process.stderr.write(line('INFO', prefix, msg)),
    warn: (msg) => void process.stderr.write(line('WARN', prefix, msg)),
    error: (msg) => void process.stderr.write(line('ERROR', prefix, msg)),
  };
}
