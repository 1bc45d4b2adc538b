// Turns bench rows into the Markdown table printed to the terminal and the JSON written to
// bench/results/latest.json. Pure functions, unit-tested in test/unit/bench/report.test.ts.

/** A number as a person reads it: thousands separated, fewer decimals as it grows. */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)}×`;
}

/** figure / reference, or null when either is missing or the reference is zero. */
export function ratio(figure, reference) {
  if (typeof figure !== 'number' || typeof reference !== 'number' || !Number.isFinite(figure) || !Number.isFinite(reference) || reference === 0) return null;
  return figure / reference;
}

/** A measured line. `peer` is the peer or limit figure in the same unit, named by `peerName`. */
/** The ratio is figure / peer unless given (limit lines report the broker's figure / the limit). */
export function measuredRow({ line, figure, unit, peer = null, peerName = '', notes = '', ratio: given }) {
  return { line, status: 'measured', figure, unit, peer, peerName, ratio: given === undefined ? ratio(figure, peer) : given, notes };
}

/** A line whose capability does not exist yet; `why` names what is missing and who fills it in. */
export function notYetRow(line, why) {
  return { line, status: 'not yet', figure: null, unit: '', peer: null, peerName: '', ratio: null, notes: why };
}

/** A line whose measurement failed in this run; `why` says how, and the figure prints as "failed". */
export function failedRow(line, why) {
  return { line, status: 'failed', figure: null, unit: '', peer: null, peerName: '', ratio: null, notes: why };
}

function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows) {
  const header = '| line | figure | unit | peer / limit | ratio | notes |\n|---|---:|---|---:|---:|---|';
  const body = rows.map((r) => {
    const figure = r.status === 'measured' ? formatNumber(r.figure) : r.status;
    const peer = r.peer === null ? '' : `${formatNumber(r.peer)}${r.peerName ? ` (${r.peerName})` : ''}`;
    return `| ${escapeCell(r.line)} | ${figure} | ${escapeCell(r.unit)} | ${escapeCell(peer)} | ${formatRatio(r.ratio)} | ${escapeCell(r.notes)} |`;
  });
  return [header, ...body].join('\n');
}

export function machineLine(machine) {
  const gib = (machine.totalMemoryBytes / 2 ** 30).toFixed(1);
  return `${machine.date} · ${machine.nproc} cores (${machine.cpuModel}) · ${gib} GiB RAM · Node ${machine.node}` +
    (machine.loadAverage ? ` · load average at start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}` : '');
}

export function markdownReport({ machine, mode, rows, seconds }) {
  return [`## Kafka Workbench bench (${mode})`, '', machineLine(machine), '', markdownTable(rows), '',
    `Bench ran for ${formatNumber(seconds)} s.`].join('\n');
}

/** What bench/results/latest.json holds: the same rows, numbers unrounded. */
export function resultsJson({ machine, mode, rows, seconds, extra = {} }) {
  return JSON.stringify({ machine, mode, seconds, rows, ...extra }, null, 2) + '\n';
}
