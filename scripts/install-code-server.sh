#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) for the e2e tests into a cache directory, once.
# Prints the path of the code-server executable. Usage: install-code-server.sh [DIR]
set -euo pipefail

version=4.100.3   # the last code-server line that runs on Node 20
dir=${1:-${KW_CACHE_DIR:+$KW_CACHE_DIR/code-server}}
dir=${dir:-$HOME/.cache/kafka-workbench/code-server}
bin="$dir/node_modules/.bin/code-server"
stamp="$dir/.installed-$version"

if [ -f "$stamp" ] && [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

command -v rg >/dev/null 2>&1 || { echo "install-code-server: ripgrep (rg) is missing; run scripts/install-system-deps.sh" >&2; exit 1; }
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] \
  || { echo "install-code-server: libkrb5-dev is missing; run scripts/install-system-deps.sh" >&2; exit 1; }

echo "install-code-server: installing code-server $version into $dir (takes about a minute)" >&2
mkdir -p "$dir"
# @vscode/ripgrep's postinstall downloads rg unless it finds the archive in its cache; this machine
# has no route to that download, so seed the cache with the system's rg packed the way it expects.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_archive" ]; then
  mkdir -p "$rg_cache"
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  tar czf "$rg_archive" -C "$staging" rg
  rm -rf "$staging"
fi

cd "$dir"
[ -f package.json ] || printf '{ "name": "kafka-workbench-code-server", "private": true }\n' > package.json
# As root, code-server's postinstall refuses to run without unsafe-perm; node-pty's postinstall
# runs `npx node-gyp`, which would wait for a yes on standard input.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$version" >&2
[ -x "$bin" ] || { echo "install-code-server: $bin was not installed" >&2; exit 1; }
touch "$stamp"
echo "$bin"
