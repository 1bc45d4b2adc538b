// The files the tail exports: JSON (an array of records) and CSV (RFC 4180, one row per record,
// headers as a JSON object in one column). Record contents are written exactly as shown.

import type { TailRecord } from './protocol.js';

export type ExportFormat = 'json' | 'csv';

const CSV_COLUMNS = ['partition', 'offset', 'timestamp', 'key', 'value', 'headers'] as const;

function headersObject(record: TailRecord): Record<string, string | null> {
  const headers: Record<string, string | null> = {};
  for (const [name, value] of record.headers) {
    headers[name] = value;
  }
  return headers;
}

export function recordsToJson(records: readonly TailRecord[]): string {
  const rows = records.map((record) => ({
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key,
    value: record.value,
    headers: record.headers.map(([name, value]) => ({ name, value })),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF; null is the empty field. */
export function csvField(text: string | null): string {
  if (text === null) {
    return '';
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function recordsToCsv(records: readonly TailRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records) {
    lines.push(
      [
        String(record.partition),
        record.offset,
        record.timestamp,
        csvField(record.key),
        csvField(record.value),
        csvField(record.headers.length === 0 ? '' : JSON.stringify(headersObject(record))),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function formatRecords(records: readonly TailRecord[], format: ExportFormat): string {
  return format === 'json' ? recordsToJson(records) : recordsToCsv(records);
}
