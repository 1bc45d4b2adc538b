// Types of bench/report.mjs, for its unit test (the bench itself is plain Node ESM).
export interface Machine {
  date: string;
  nproc: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
  loadAverage?: number[];
}
export interface Row {
  line: string;
  status: 'measured' | 'not yet' | 'failed';
  figure: number | null;
  unit: string;
  peer: number | null;
  peerName: string;
  ratio: number | null;
  notes: string;
}
export function formatNumber(value: number | null | undefined): string;
export function formatRatio(value: number | null | undefined): string;
export function ratio(figure: unknown, reference: unknown): number | null;
export function measuredRow(row: { line: string; figure: number; unit: string; peer?: number | null; peerName?: string; notes?: string; ratio?: number | null }): Row;
export function notYetRow(line: string, why: string): Row;
export function failedRow(line: string, why: string): Row;
export function markdownTable(rows: Row[]): string;
export function machineLine(machine: Machine): string;
export function markdownReport(report: { machine: Machine; mode: string; rows: Row[]; seconds: number }): string;
export function resultsJson(report: { machine: Machine; mode: string; rows: Row[]; seconds: number; extra?: Record<string, unknown> }): string;
