// Test records for the webview's pure modules.
import type { TailRecord } from '../../../webview/protocol.js';

export function record(offset: number, fields: Partial<TailRecord> = {}): TailRecord {
  return { partition: 0, offset: String(offset), timestamp: '1700000000000', key: null, value: `v${offset}`, headers: [], ...fields };
}
