#!/usr/bin/env bash
# Installs the Debian packages the tests and the bench drive (kcat, chromium, redis-server, redis-benchmark) and what
# code-server's install needs (libkrb5-dev, ripgrep). Idempotent: does nothing when all are present.
set -euo pipefail

packages=(kcat chromium libkrb5-dev ripgrep redis-server redis-tools openssl)

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

missing=()
for package in "${packages[@]}"; do
  is_installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${missing[*]} and apt-get is not available; install them by hand" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo -n)
  else
    echo "install-system-deps: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The package lists are fetched only when apt has none yet or cannot find a package in them, and
# once more if installing fails (stale lists name files the mirror no longer has).
lists_present() { compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; }
updated=no
if ! lists_present || ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  "${sudo_cmd[@]}" apt-get update -qq
  updated=yes
fi
install() { "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }
if ! install; then
  [ "$updated" = yes ] && { echo "install-system-deps: apt-get install ${missing[*]} failed" >&2; exit 1; }
  "${sudo_cmd[@]}" apt-get update -qq
  install || { echo "install-system-deps: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi
