// Loads sql.js once per process. The wasm sits beside the bundle (dist/sql-wasm.wasm) when
// bundled, and in node_modules/sql.js/dist/ when running from compiled tests. The module is
// instantiated here (Emscripten's instantiateWasm hook) so its memory is known: sqlJsRows.ts reads
// blobs from it directly, because sql.js does not export its heap.

import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';

const WASM_FILE = 'sql-wasm.wasm';

/** A wasm memory: its buffer is replaced when it grows, so it is read afresh each time. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The parts of the WebAssembly API used here: this project compiles without the DOM lib that declares them. */
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  Memory: abstract new (...args: never[]) => WasmMemory;
}

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loading: Promise<SqlJsStatic> | undefined;
let loaded: { readonly sql: SqlJsStatic; readonly memory: WasmMemory } | undefined;

export function locateSqlJsWasm(): string {
  const besideBundle = path.join(__dirname, WASM_FILE);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(`sql.js/dist/${WASM_FILE}`);
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  let memory: WasmMemory | undefined;
  loading ??= initSqlJs({
    locateFile: () => locateSqlJsWasm(),
    instantiateWasm(emscriptenImports, receive) {
      // Typed loosely by @types/emscripten without the DOM lib: it is an object of import modules.
      const imports = emscriptenImports as unknown as Record<string, Record<string, unknown>>;
      void wasm.instantiate(fs.readFileSync(locateSqlJsWasm()), imports).then(({ instance }) => {
        const imported = Object.values(imports).flatMap((m) => Object.values(m));
        memory = [...Object.values(instance.exports), ...imported].find((value): value is WasmMemory => value instanceof wasm.Memory);
        receive(instance);
      });
      // Emscripten waits for `receive`; the exports it returns here are not used.
      return {};
    },
  }).then((sql) => {
    if (memory) loaded = { sql, memory };
    return sql;
  });
  return loading;
}

/** The loaded sql.js module and its wasm memory, once loadSqlJs has finished (undefined before, or if no memory was found). */
export function loadedSqlJs(): { readonly sql: SqlJsStatic; readonly memory: WasmMemory } | undefined {
  return loaded;
}
