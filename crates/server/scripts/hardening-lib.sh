# Shared by scripts/test-server-hardening.sh and scripts/soak.sh (sourced, not run).
# Run from the repository root. Everything it installs, it installs only when missing; every
# failure to install stops with a message saying what to do.

repo="$(pwd)"
# Where the servers, databases, logs, the schemathesis venv and the fuzz work corpora live
# (ignored by git through /target-*).
state="${HARDENING_STATE_DIR:-$repo/target-hardening}"
mkdir -p "$state"
# Cargo's target directory: the caller's, or the default one (shared with scripts/test.sh).
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

hstep() { printf '\n\033[1m--> %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - ${hardening_started:-$(date +%s)} ))"; }
die() { printf '\033[31mtest-server-hardening: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# --- fuzzing ---------------------------------------------------------------------------------

fuzz_targets=(validators decode_requests decode_query)

# Sets fuzz_cargo (the cargo command line that can build libFuzzer targets).
ensure_fuzz_tools() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    hstep "installing cargo-fuzz 0.13.2 (once, ~3 min)"
    cargo install cargo-fuzz --version 0.13.2 --locked \
      || die "cannot install cargo-fuzz (cargo install cargo-fuzz --locked): check access to crates.io"
  fi
  # libFuzzer builds need nightly flags: a nightly toolchain, or stable with RUSTC_BOOTSTRAP=1.
  if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz_cargo=(cargo +nightly)
  elif rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
    fuzz_cargo=(cargo +nightly)
  else
    echo "no nightly toolchain (rustup could not install one): using stable with RUSTC_BOOTSTRAP=1"
    export RUSTC_BOOTSTRAP=1
    fuzz_cargo=(cargo)
  fi
}

# run_fuzz SECONDS: each target for SECONDS, from the committed seed corpus (read-only) plus
# a work corpus under $state (what it finds is kept there between runs, never committed).
# Prints executions and time per target; fails on the first crash (input in fuzz/artifacts/).
run_fuzz() {
  local seconds="$1" target log runs secs
  ensure_fuzz_tools
  local fuzz_target_dir="$target_dir/fuzz"
  hstep "building the fuzz targets (${fuzz_cargo[*]} fuzz build, sanitizer none)"
  "${fuzz_cargo[@]}" fuzz build -s none --target-dir "$fuzz_target_dir" \
    || die "the fuzz targets do not build"
  fuzz_summary=()
  for target in "${fuzz_targets[@]}"; do
    hstep "fuzzing $target for ${seconds}s"
    mkdir -p "$state/fuzz-corpus/$target"
    log="$state/fuzz-$target.log"
    if ! "${fuzz_cargo[@]}" fuzz run -s none --target-dir "$fuzz_target_dir" "$target" \
        "$state/fuzz-corpus/$target" "fuzz/corpus/$target" \
        -- -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 >"$log" 2>&1; then
      tail -40 "$log"
      die "fuzz target $target failed: see $log and fuzz/artifacts/$target/"
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    echo "$target: ${runs:-?} executions in ${secs:-?} s, no failure"
    fuzz_summary+=("$target: ${runs:-?} executions in ${secs:-?} s")
  done
}

# --- crash cycles ----------------------------------------------------------------------------

# run_crash_cycles N [DATABASE]: the crash-safety test (tests/crash.rs) with N SIGKILL cycles,
# on SQLite, or on PostgreSQL when COMPLAINT_DESK_TEST_DATABASE is set.
run_crash_cycles() {
  local cycles="$1" log="$state/crash.log"
  hstep "crash safety: $cycles SIGKILL cycles${COMPLAINT_DESK_TEST_DATABASE:+ on PostgreSQL}"
  if ! CRASH_CYCLES="$cycles" cargo test -p complaint-server --locked --test crash -- --nocapture \
      >"$log" 2>&1; then
    tail -60 "$log"
    die "the crash-safety test failed (log: $log)"
  fi
  crash_summary=$(grep '^crash cycles:' "$log" | sed 's/^crash cycles: //')
  echo "$crash_summary"
}

# --- servers ---------------------------------------------------------------------------------

server_pids=()
stop_servers() {
  local pid
  for pid in "${server_pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  server_pids=()
}


server_bin() { echo "$target_dir/debug/complaint-server"; }

if ! command -v curl >/dev/null; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null \
    || die "curl is missing: apt-get install -y curl"
fi

build_server() {
  hstep "building complaint-server"
  cargo build -p complaint-server --locked || die "complaint-server does not build"
}

# start_server PORT DATABASE_URL [flags…]: starts it in the background, waits until it answers.
start_server() {
  local port="$1" url="$2"; shift 2
  "$(server_bin)" --addr "127.0.0.1:$port" --database-url "$url" "$@" \
    >"$state/server-$port.log" 2>&1 &
  server_pids+=($!)
  local i
  for i in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/api/meta" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$state/server-$port.log"
  die "the server on port $port did not start"
}

# sign_in PORT USERNAME: prints the cd_session cookie value.
sign_in() {
  curl -sf -i -X POST "http://127.0.0.1:$1/api/session" -H 'x-complaint-desk: 1' \
    -H 'content-type: application/json' -d "{\"method\":\"demo\",\"username\":\"$2\"}" \
    | sed -n 's/^[Ss]et-[Cc]ookie: cd_session=\([0-9a-f]*\).*/\1/p'
}

# --- schemathesis ----------------------------------------------------------------------------

schemathesis_version=4.32.5

ensure_schemathesis() {
  local venv="$state/venv-schemathesis"
  if [ -x "$venv/bin/st" ] && "$venv/bin/st" --version 2>/dev/null | grep -q "$schemathesis_version"; then
    st_bin="$venv/bin/st"; return
  fi
  hstep "installing schemathesis $schemathesis_version into $venv"
  if ! command -v python3 >/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null \
      || die "python3 is missing: apt-get install -y python3 python3-venv"
  fi
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null \
      || die "cannot create a Python venv: apt-get install -y python3-venv"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "cannot create a Python venv in $venv"
  fi
  "$venv/bin/pip" install -q "schemathesis==$schemathesis_version" \
    || die "cannot install schemathesis==$schemathesis_version from PyPI"
  st_bin="$venv/bin/st"
}

# run_schemathesis SECONDS_PER_USER: against a fresh server, as the shopper then as the agent,
# each bounded by SECONDS_PER_USER and the config's max-examples. Fails on any failure.
run_schemathesis() {
  local seconds="$1" port=4851 user cookie log dir="$state/schemathesis" failed=0
  ensure_schemathesis
  rm -rf "$dir"; mkdir -p "$dir"
  schemathesis_summary=()
  # Fresh data for each user: the shopper's run withdraws and files, the agent's decides.
  for user in demo-shopper demo-agent; do
    start_server "$port" "$dir/$user.db" --mutation-rate-limit 0
    cookie=$(sign_in "$port" "$user")
    [ -n "$cookie" ] || die "cannot sign in as $user"
    hstep "schemathesis as $user (${seconds}s at most)"
    log="$dir/$user.log"
    # Signing out would end the session mid-run; the event stream never ends by itself. One
    # worker: with two, Python 3.11.7 fails now and then inside ast.parse (a CPython bug
    # Hypothesis trips over, "AST constructor recursion depth mismatch"), not our API.
    if CD_SESSION="$cookie" SCHEMATHESIS_HOOKS="$repo/crates/server/schemathesis_hooks.py" \
        "$st_bin" --config-file crates/server/schemathesis.toml run \
        "http://127.0.0.1:$port/api/openapi.json" \
        --exclude-operation-id sign_out --exclude-operation-id events \
        --max-time "$seconds" --workers 1 --seed 20261126 --no-color \
        --report junit --report-junit-path "$dir/$user.junit.xml" >"$log" 2>&1; then
      :
    else
      failed=1
      sed -n '/= FAILURES =/,$p' "$log" | head -150
    fi
    grep -E "Test cases:|generated|passed|failed" "$log" | tail -3
    schemathesis_summary+=("$user: $( { grep -E '^ +[0-9]+ generated' "$log"; grep -E '^=+ .* in [0-9.]+s =+$' "$log" | tr -d '='; } | sed 's/^ *//; s/ *$//' | paste -sd ';' -)")
    stop_servers
    port=$((port + 1))
  done
  [ "$failed" = 0 ] || die "schemathesis found problems (logs in $dir)"
}

# --- PostgreSQL ------------------------------------------------------------------------------

# The throw-away cluster's directory (data, socket, server log): outside the checkout, made
# by the cluster's owner, so that it can reach it wherever the checkout is (a checkout of mode
# 0700 — a clone into `mktemp -d`, into root's home — is closed to the `postgres` user).
pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  # Keep its log with the rest of the state, then remove the cluster.
  mkdir -p "$state/postgres"
  cp "$pg_dir/server.log" "$state/postgres/server.log" 2>/dev/null || true
  rm -rf "$pg_dir"
  rm -f "$state/postgres/cluster-dir"
  pg_dir=""
}
hardening_cleanup() { stop_servers; stop_postgres; }
trap hardening_cleanup EXIT

# Runs a command as the cluster's owner: the `postgres` user when we are root (initdb and
# postgres refuse to run as root), else ourselves. From `/`: the owner may not be able to
# enter the current directory (the checkout).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local quoted; quoted=$(printf '%q ' "$@")
    su postgres -s /bin/sh -c "cd / && $quoted"
  else
    "$@"
  fi
}

# Installs PostgreSQL from Debian's packages when no initdb is found.
ensure_postgres_installed() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    hstep "installing PostgreSQL (apt-get install -y postgresql)"
    as_root apt-get update -qq >/dev/null 2>&1 || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || die "cannot install PostgreSQL: run 'apt-get install -y postgresql' as root"
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$pg_bin/initdb" ] || die "PostgreSQL installed but no initdb under /usr/lib/postgresql"
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root needs the 'postgres' user (created by the postgresql package)"
  fi
}

# start_postgres: a throw-away cluster in a new directory under /tmp made by its owner
# ($pg_dir, removed by stop_postgres; its logs are kept in $state/postgres) on PG_PORT
# (default 55432), trust authentication on 127.0.0.1 only. Sets PG_URL (the admin database).
start_postgres() {
  ensure_postgres_installed
  local port="${PG_PORT:-55432}"
  stop_postgres
  # The cluster of an earlier run that was killed before it could clean up.
  if [ -f "$state/postgres/cluster-dir" ]; then
    pg_dir=$(cat "$state/postgres/cluster-dir")
    case "$pg_dir" in
      /tmp/complaint-desk-postgres.*) stop_postgres ;;
      *) pg_dir="" ;;
    esac
  fi
  rm -rf "$state/postgres"
  mkdir -p "$state/postgres"
  pg_dir=$(pg_as_owner mktemp -d /tmp/complaint-desk-postgres.XXXXXX) \
    || die "cannot make a directory for the PostgreSQL cluster under /tmp"
  echo "$pg_dir" >"$state/postgres/cluster-dir"
  hstep "starting PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port in $pg_dir"
  pg_as_owner "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$state/postgres/initdb.log" 2>&1 || { cat "$state/postgres/initdb.log"; die "initdb failed"; }
  # The server under test is killed, never PostgreSQL: no need to fsync the test data.
  pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
    start >/dev/null || { cat "$pg_dir/server.log"; die "PostgreSQL did not start"; }
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export PG_URL
}

# check_private_checkout: the throw-away cluster also starts when the checkout is private to
# its owner (mode 0700, like a clone into `mktemp -d` or into root's home directory), where
# the `postgres` user that runs the cluster (as root) cannot enter. Fails if it does not.
check_private_checkout() {
  local private; private=$(mktemp -d)
  hstep "PostgreSQL for a private checkout ($private, mode $(stat -c %a "$private"))"
  if ! (
    state="$private/checkout/target-hardening"
    mkdir -p "$state"
    trap stop_postgres EXIT
    PG_PORT=$(( ${PG_PORT:-55432} + 1 )) start_postgres
    [ "$("$pg_bin/psql" "$PG_URL" -Atc 'SELECT 1')" = 1 ] || die "the cluster does not answer"
  ); then
    rm -rf "$private"
    die "the throw-away PostgreSQL cluster does not start from a checkout of mode 0700"
  fi
  rm -rf "$private"
  echo "a private checkout gets its cluster"
}

# --- the integration suite -------------------------------------------------------------------

# run_suite LABEL [DATABASE_URL]: cargo test -p complaint-server (every unit and integration
# test) on SQLite, or on PostgreSQL with DATABASE_URL as COMPLAINT_DESK_TEST_DATABASE.
run_suite() {
  local label="$1" url="${2:-}" log="$state/suite-$1.log" passed failed
  hstep "integration suite on $label"
  if ! COMPLAINT_DESK_TEST_DATABASE="$url" cargo test -p complaint-server --locked \
      -- --nocapture >"$log" 2>&1; then
    grep -E "^test .*FAILED|panicked|^failures:" -A15 "$log" | head -80
    die "the integration suite failed on $label (log: $log)"
  fi
  passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
  failed=$(grep -cE '^test .* FAILED$' "$log" || true)
  suite_summary+=("$label: $passed tests passed, $failed failed")
  echo "$label: $passed tests passed"
  grep -E '^(crash cycles:|two servers|skipped:)' "$log" | sed 's/^/  /' || true
}
suite_summary=()
