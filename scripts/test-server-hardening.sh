#!/usr/bin/env bash
# The server's hardening checks, called by scripts/test.sh (run from the repository root,
# after scripts/setup.sh). Installs what it needs when missing: cargo-fuzz (+ a nightly
# toolchain, or stable with RUSTC_BOOTSTRAP=1), schemathesis (pinned, in a venv), and
# PostgreSQL from Debian's packages. Stops with a message when something cannot be installed.
#
#   1. fuzzing: each cargo-fuzz target for a short bounded time (FUZZ_SECONDS, default 20)
#   2. API schema testing: schemathesis against /api/openapi.json of a fresh server, signed in
#      as the shopper and then as the agent (SCHEMATHESIS_SECONDS per user, default 60)
#   3. the server's whole test suite on SQLite, then on PostgreSQL (a throw-away cluster on
#      PG_PORT, default 55432, in a directory of its own under /tmp; first checked to start
#      for a checkout of mode 0700 too): every integration test, the crash-safety test (3
#      SIGKILL cycles) and the two-servers-on-one-PostgreSQL test
#
# Longer runs: scripts/soak.sh. State (venv, databases, logs): target-hardening/.
set -euo pipefail
cd "$(dirname "$0")/.."
hardening_started=$(date +%s)
# shellcheck source=../crates/server/scripts/hardening-lib.sh
. crates/server/scripts/hardening-lib.sh

run_fuzz "${FUZZ_SECONDS:-20}"
build_server
run_schemathesis "${SCHEMATHESIS_SECONDS:-60}"
run_suite sqlite
check_private_checkout
start_postgres
run_suite postgres "$PG_URL"

hstep "server hardening checks passed"
for line in "${fuzz_summary[@]}"; do echo "  fuzz $line"; done
for line in "${schemathesis_summary[@]}"; do echo "  schemathesis $line"; done
for line in "${suite_summary[@]}"; do echo "  suite on $line"; done
echo "  total $(( $(date +%s) - hardening_started )) s"
