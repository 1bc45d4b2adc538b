#!/usr/bin/env bash
# Everything `npm test` checks, in order, stopping at the first failure: type check, lint, compile the
# tests, package the VSIX, then unit, compat and e2e tests with node's test runner. Ends with node's
# summary lines ("# pass N"), added up over the three test phases.
set -euo pipefail
cd "$(dirname "$0")/.."

summaries=$(mktemp -d)
trap 'rm -rf "$summaries"' EXIT

step() { printf '\n=== %s\n' "$1"; }
fail() { printf '\ntest-all: FAILED at %s\n' "$1" >&2; print_totals; exit 1; }

# Adds up the summary lines ("ℹ pass 12") that the spec reporter printed for each phase. (The TAP
# reporter's summary is lost when --test-force-exit ends the run, so the readable output is the source.)
print_totals() {
  local key total
  [ -n "$(ls -A "$summaries")" ] || return 0
  printf '\n'
  for key in tests suites pass fail cancelled skipped todo; do
    total=$(cat "$summaries"/*.out | awk -v key="$key" '$0 ~ "^ℹ " key " [0-9]+$" { sum += $3 } END { print sum + 0 }')
    printf '# %s %s\n' "$key" "$total"
  done
}

# run_tests NAME DIR [node --test options...]: runs every *.test.js under DIR, if there are any.
run_tests() {
  local name=$1 dir=$2
  shift 2
  step "$name tests ($dir)"
  if [ -z "$(find "$dir" -name '*.test.js' 2>/dev/null | head -n 1)" ]; then
    echo "no $name tests yet"
    return 0
  fi
  # --test-force-exit: a test file that leaves a handle open (a client still retrying after a failure)
  # must not keep the run waiting; --test-timeout in each phase turns a hang into a failure.
  node --test --test-force-exit "$@" --test-reporter=spec "$dir/" 2>&1 | tee "$summaries/$name.out" || fail "$name tests"
}

step "type check (tsc --noEmit)"
npx --no-install tsc -p . --noEmit || fail "type check: fix the errors above"

step "lint (eslint)"
npx --no-install eslint . || fail "lint: fix the problems above"

step "compile tests (tsc -> dist-test)"
rm -rf dist-test
npx --no-install tsc -p . || fail "compiling the tests"

step "package the VSIX (dist-vsix/kafka-workbench.vsix)"
node scripts/package.mjs || fail "packaging"

run_tests unit dist-test/test/unit --test-timeout=300000
run_tests compat dist-test/test/compat --test-concurrency=1 --test-timeout=600000

step "install code-server for the e2e tests"
bash scripts/install-code-server.sh >/dev/null || fail "installing code-server"
run_tests e2e dist-test/test/e2e --test-concurrency=1 --test-timeout=600000

print_totals
