// Reads the .cpuprofile files `node --cpu-prof` leaves behind and names the functions that took the
// most self time: the "where the time goes" of a missed target.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Self time per function (name + file:line), largest first, summed over every profile in `dir`. */
export function hotFunctions(dir, top = 15) {
  const totals = new Map();
  let totalMs = 0;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfMs = new Map();
    // samples[i] ran for timeDeltas[i + 1] (the delta to the next sample), in microseconds.
    for (let i = 0; i < profile.samples.length; i++) {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + ms);
    }
    for (const [id, ms] of selfMs) {
      const frame = byId.get(id)?.callFrame;
      if (!frame) continue;
      const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
      const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      totals.set(key, (totals.get(key) ?? 0) + ms);
      totalMs += ms;
    }
  }
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([fn, ms]) => ({ function: fn, selfMs: Math.round(ms), share: totalMs > 0 ? ms / totalMs : 0 }));
  return { files: files.length, totalMs: Math.round(totalMs), rows };
}
