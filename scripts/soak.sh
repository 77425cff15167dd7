#!/usr/bin/env bash
# Long hardening runs of the server (not part of `make test`): each fuzz target for minutes,
# then many SIGKILL crash cycles of the server with withdrawals in flight.
#
#   scripts/soak.sh                       # fuzz 300 s per target, 25 crash cycles
#   scripts/soak.sh --fuzz-seconds 60 --crash-cycles 20
#   scripts/soak.sh --only fuzz           # or --only crash
#   scripts/soak.sh --postgres            # the crash cycles on PostgreSQL too
#
# Run from anywhere after scripts/setup.sh; installs cargo-fuzz (and a nightly toolchain, or
# falls back to stable with RUSTC_BOOTSTRAP=1) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
hardening_started=$(date +%s)
fuzz_seconds=300
crash_cycles=25
only=all
postgres=no
while [ $# -gt 0 ]; do
  case "$1" in
    --fuzz-seconds) fuzz_seconds="$2"; shift 2 ;;
    --crash-cycles) crash_cycles="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --postgres) postgres=yes; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
# shellcheck source=../crates/server/scripts/hardening-lib.sh
. crates/server/scripts/hardening-lib.sh

if [ "$only" = all ] || [ "$only" = fuzz ]; then
  run_fuzz "$fuzz_seconds"
fi
if [ "$only" = all ] || [ "$only" = crash ]; then
  run_crash_cycles "$crash_cycles"
  sqlite_crash_summary="$crash_summary"
  if [ "$postgres" = yes ]; then
    start_postgres
    COMPLAINT_DESK_TEST_DATABASE="$PG_URL" run_crash_cycles "$crash_cycles"
    postgres_crash_summary="$crash_summary"
  fi
fi

hstep "soak finished"
for line in "${fuzz_summary[@]:-}"; do [ -n "$line" ] && echo "  fuzz $line"; done
[ -n "${sqlite_crash_summary:-}" ] && echo "  crash (SQLite): $sqlite_crash_summary"
[ -n "${postgres_crash_summary:-}" ] && echo "  crash (PostgreSQL): $postgres_crash_summary"
echo "total $(( $(date +%s) - hardening_started )) s"
