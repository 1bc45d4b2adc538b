// Reads the current row of a sql.js statement through SQLite's C API, which sql.js exports: text
// columns decoded once, blob columns viewed or copied out of the wasm heap in one typed-array copy.
// Why: sql.js's Statement.get copies each blob byte by byte in a JS loop, the top function of a
// sealed-segment read profile. Where the heap or the statement's handle cannot be found (another
// sql.js build), rowAccess answers undefined and callers keep using Statement.get.

import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { loadedSqlJs } from './sqlJs.js';

/** The C functions sql.js exports by name (its typings do not list them). */
interface SqliteColumnApi {
  _sqlite3_column_blob(stmt: number, column: number): number;
  _sqlite3_column_bytes(stmt: number, column: number): number;
  _sqlite3_column_text(stmt: number, column: number): number;
  UTF8ToString(pointer: number): string;
}

export interface RowAccess {
  /** A TEXT (or CAST AS TEXT) column; null for SQL NULL. */
  text(column: number): string | null;
  /** A blob column as a view into the wasm heap: valid only until the statement steps again. */
  blobView(column: number): Uint8Array;
  /** A blob column copied into its own Buffer. */
  blobCopy(column: number): Buffer;
}

function columnApi(sql: SqlJsStatic): SqliteColumnApi | undefined {
  const api = sql as unknown as Partial<SqliteColumnApi>;
  const ready =
    typeof api._sqlite3_column_blob === 'function' &&
    typeof api._sqlite3_column_bytes === 'function' &&
    typeof api._sqlite3_column_text === 'function' &&
    typeof api.UTF8ToString === 'function';
  return ready ? (api as SqliteColumnApi) : undefined;
}

/**
 * The SQLite handle behind a sql.js Statement. sql.js keeps its open statements in an object on the
 * Database keyed by that handle; the property names are minified, so it is found by shape.
 */
function statementHandle(stmt: Statement, db: Database): number | undefined {
  for (const value of Object.values(db as unknown as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, candidate] of Object.entries(value as Record<string, unknown>)) {
      if (candidate === stmt) {
        const handle = Number(key);
        return Number.isInteger(handle) && handle > 0 ? handle : undefined;
      }
    }
  }
  return undefined;
}

/** Direct access to `stmt`'s current row (after step() answered true), or undefined to fall back to Statement.get. */
export function rowAccess(stmt: Statement, db: Database): RowAccess | undefined {
  const loaded = loadedSqlJs();
  const api = loaded && columnApi(loaded.sql);
  const handle = api && statementHandle(stmt, db);
  if (!loaded || !api || handle === undefined) return undefined;
  const { memory } = loaded;
  const view = (column: number): Uint8Array => {
    const size = api._sqlite3_column_bytes(handle, column);
    // The heap may have grown since the last call: read memory.buffer afresh each time.
    return size === 0 ? new Uint8Array(0) : new Uint8Array(memory.buffer, api._sqlite3_column_blob(handle, column), size);
  };
  return {
    text(column) {
      const pointer = api._sqlite3_column_text(handle, column);
      return pointer === 0 ? null : api.UTF8ToString(pointer);
    },
    blobView: view,
    blobCopy(column) {
      const source = view(column);
      const copy = Buffer.allocUnsafeSlow(source.byteLength);
      copy.set(source);
      return copy;
    },
  };
}
