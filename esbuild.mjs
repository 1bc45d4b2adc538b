// Bundles the extension, the CLI/supervisor, the broker process and the webview into dist/,
// and ships the wasm files those bundles load at run time beside them.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outDir = join(root, 'dist');

// @platformatic/kafka (via @platformatic/wasm-utils) reads `new URL('../dist/native.wasm', import.meta.url)`
// at load time; in a CommonJS bundle import.meta is empty, so point it at the bundle file itself.
// From dist/<bundle>.js, '../dist/native.wasm' resolves to dist/native.wasm.
const importMetaUrlBanner = "const __importMetaUrl=require('url').pathToFileURL(__filename).href;";

const nodeDefaults = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
};

/** @type {Array<{ name: string, entry: string, options: import('esbuild').BuildOptions, after?: () => void }>} */
const bundles = [
  {
    name: 'extension',
    entry: 'extension/extension.ts',
    options: { ...nodeDefaults, outfile: 'dist/extension.js', external: ['vscode'], banner: { js: importMetaUrlBanner } },
  },
  {
    name: 'cli',
    entry: 'broker/cli/main.ts',
    options: { ...nodeDefaults, outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrlBanner}` } },
    after: () => chmodSync(join(outDir, 'cli.js'), 0o755),
  },
  {
    name: 'broker',
    entry: 'broker/cluster/brokerMain.ts',
    options: { ...nodeDefaults, outfile: 'dist/broker.js', banner: { js: importMetaUrlBanner } },
  },
  {
    name: 'language server',
    entry: 'language/server/main.ts',
    options: { ...nodeDefaults, outfile: 'dist/languageServer.js', banner: { js: importMetaUrlBanner } },
  },
  {
    name: 'webview',
    entry: 'webview/main.ts',
    options: {
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      sourcemap: production ? false : 'linked',
      minify: production,
      logLevel: 'warning',
      outfile: 'dist/webview.js',
    },
  },
  {
    name: 'webview styles',
    entry: 'webview/main.css',
    // The codicon font is emitted as its own file beside the CSS: the webview's CSP allows fonts
    // from the extension (cspSource), not data: URLs.
    options: { bundle: true, minify: production, logLevel: 'warning', outfile: 'dist/webview.css', loader: { '.svg': 'dataurl', '.ttf': 'file' }, assetNames: '[name]' },
  },
];

// Files that bundled code opens by path at run time, copied next to the bundles.
const runtimeFiles = [
  ['node_modules/sql.js/dist/sql-wasm.wasm', 'sql-wasm.wasm'],
  ['node_modules/@platformatic/wasm-utils/dist/native.wasm', 'native.wasm'],
  // @bokuweb/zstd-wasm's init() reads `${__dirname}/zstd.wasm`; bundled, __dirname is dist/.
  ['node_modules/@bokuweb/zstd-wasm/dist/common/zstd.wasm', 'zstd.wasm'],
];

function copyRuntimeFiles() {
  // Start from an empty dist/ so a production build carries no stale source maps or removed bundles.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [from, to] of runtimeFiles) {
    const source = join(root, from);
    if (!existsSync(source)) throw new Error(`esbuild.mjs: ${from} is missing; run npm ci`);
    copyFileSync(source, join(outDir, to));
  }
}

async function main() {
  copyRuntimeFiles();
  const present = bundles.filter((bundle) => {
    if (existsSync(join(root, bundle.entry))) return true;
    // Other parts of the project may not exist yet; build what does.
    console.warn(`esbuild.mjs: skipping ${bundle.name}: ${bundle.entry} does not exist`);
    return false;
  });
  const afterPlugin = (bundle) => ({
    name: 'after-build',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length === 0 && bundle.after) bundle.after();
      });
    },
  });
  const contexts = await Promise.all(
    present.map((bundle) =>
      esbuild.context({
        ...bundle.options,
        absWorkingDir: root,
        entryPoints: [bundle.entry],
        plugins: [afterPlugin(bundle)],
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log(`esbuild.mjs: watching ${present.map((b) => b.name).join(', ')}`);
    return;
  }
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
}

main().catch((error) => {
  // esbuild already printed its diagnostics; only say that the build failed.
  console.error(`esbuild.mjs: build failed${error?.errors ? '' : `: ${error?.stack ?? error}`}`);
  process.exit(1);
});
