// Loads sql.js once per process. The wasm sits beside the bundle (dist/sql-wasm.wasm) when
// bundled, and in node_modules/sql.js/dist/ when running from compiled tests.

import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';

const WASM_FILE = 'sql-wasm.wasm';

let loading: Promise<SqlJsStatic> | undefined;

export function locateSqlJsWasm(): string {
  const besideBundle = path.join(__dirname, WASM_FILE);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(`sql.js/dist/${WASM_FILE}`);
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => locateSqlJsWasm() });
  return loading;
}
