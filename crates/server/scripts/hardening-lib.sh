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

run_crash_cycles() {
  die "the crash-safety test is not written yet"
}
