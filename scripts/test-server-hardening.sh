#!/usr/bin/env bash
# The server's hardening checks, called by scripts/test.sh (run from the repository root,
# after scripts/setup.sh). Installs what it needs when missing: cargo-fuzz (+ a nightly
# toolchain, or stable with RUSTC_BOOTSTRAP=1), schemathesis (pinned, in a venv), and
# PostgreSQL from Debian's packages. Stops with a message when something cannot be installed.
#
#   1. fuzzing: each cargo-fuzz target for a short bounded time (FUZZ_SECONDS, default 20)
#
# Longer runs: scripts/soak.sh. State (venv, databases, logs): target-hardening/.
set -euo pipefail
cd "$(dirname "$0")/.."
hardening_started=$(date +%s)
# shellcheck source=../crates/server/scripts/hardening-lib.sh
. crates/server/scripts/hardening-lib.sh

run_fuzz "${FUZZ_SECONDS:-20}"

hstep "server hardening checks passed"
for line in "${fuzz_summary[@]}"; do echo "  fuzz $line"; done
echo "  total $(( $(date +%s) - hardening_started )) s"
