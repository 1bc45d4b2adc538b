// Reads the timings the extension writes to its output channel ("activate() returned in N ms",
// "Topics view populated in N ms after activation") back out of the channel's log text.
// Pure, unit-tested in test/unit/bench/extensionLog.test.ts.

const LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+) \[\w+\] (activate\(\) returned in|Topics view populated in) ([\d.]+) ms/;

/**
 * Both kinds of line, each in the order written (log timestamps, then text order), as
 * { ms, loggedAt }: the figure the line reports, and when it was logged (epoch ms; VS Code writes
 * local time, read here in this process's time zone, which the bench shares with code-server).
 */
export function extensionTimings(logText) {
  const found = [];
  logText.split('\n').forEach((text, index) => {
    const m = LINE.exec(text);
    if (!m) return;
    found.push({ loggedAt: new Date(`${m[1]}T${m[2]}`).getTime(), index, kind: m[3].startsWith('activate') ? 'activate' : 'populated', ms: Number(m[4]) });
  });
  found.sort((a, b) => a.loggedAt - b.loggedAt || a.index - b.index);
  const of = (kind) => found.filter((f) => f.kind === kind).map(({ ms, loggedAt }) => ({ ms, loggedAt }));
  return { activate: of('activate'), populated: of('populated') };
}
