#!/usr/bin/env bash
# Server load on loopback with wrk: the complaint list and withdrawals, on SQLite, with the
# `server` profile build. Each phase runs its own server on a fresh database, so its peak
# RSS (VmHWM) is its own.
#
#   bench/server.sh            (prints RESULT lines, see bench/lib.sh)
#
# Environment: SERVER_DURATION (s, default 10), LIST_CONNECTIONS (32), WITHDRAW_CONNECTIONS
# (default "8 1": one run each, the first held to the goals, c=1 shows the bare service time),
# WRK_THREADS (2), LIST_TOTALS (demo-shopper's complaints in each list run, default "100 9":
# a full first page of 20 rows, then the demo seed's 9; the first one is held to the goal),
# WITHDRAWABLE (seeded withdrawable complaints, default 40000), SKIP_BUILD=1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

duration="${SERVER_DURATION:-10}"
list_connections="${LIST_CONNECTIONS:-32}"
withdraw_connections="${WITHDRAW_CONNECTIONS:-8 1}"
threads="${WRK_THREADS:-2}"
list_totals="${LIST_TOTALS:-100 9}"
withdrawable="${WITHDRAWABLE:-40000}"
port="$(( $(bench_port) + 1 ))"
base="http://127.0.0.1:$port"

command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
command -v sqlite3 >/dev/null || die "sqlite3 is missing: apt-get install -y sqlite3"
[[ "${SKIP_BUILD:-}" == 1 ]] || build_server
trap stop_server EXIT

fresh_db() {
    local db="$BENCH_OUT/$1.db"
    rm -f "$db" "$db-wal" "$db-shm" "$db.log"
    printf '%s' "$db"
}

# run_wrk CONNECTIONS PATH → the WRK line of bench/wrk/api.lua
# Also appends, to the line, the server's CPU time per request and how busy the machine was.
run_wrk() {
    local cpu0 cpu1 j0 j1 line
    cpu0="$(server_cpu_ms)"
    j0="$(machine_jiffies)"
    line="$(wrk -t"$threads" -c"$1" -d"${duration}s" -s "$BENCH_DIR/wrk/api.lua" "$base$2" |
        tee -a "$BENCH_OUT/wrk.log" | grep '^WRK ')" || die "wrk printed no summary"
    cpu1="$(server_cpu_ms)"
    j1="$(machine_jiffies)"
    awk -v line="$line" -v c0="$cpu0" -v c1="$cpu1" -v j0="$j0" -v j1="$j1" 'BEGIN {
        split(j0, a, " "); split(j1, b, " ");
        match(line, /requests=[0-9]+/); n = substr(line, RSTART + 9, RLENGTH - 9);
        printf "%s server_cpu_us_per_req=%.0f machine_busy_pct=%.0f\n", line,
            (c1 - c0) * 1000 / (n > 0 ? n : 1), 100 * (b[1] - a[1]) / (b[2] - a[2]) }'
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# report_costs TAG WRK_LINE: what a phase cost the server and the machine.
report_costs() {
    result server "$1: server CPU per request" "$(field server_cpu_us_per_req "$2")" "µs"
    result server "$1: machine CPU busy (server + wrk + others)" "$(field machine_busy_pct "$2")" "%"
    result server "$1: server peak RSS (VmHWM)" "$(server_peak_rss_mib)" MiB
}

# --- GET /api/complaints ----------------------------------------------------------------------
# list_phase TOTAL PRIMARY: demo-shopper with TOTAL complaints (9 = the demo seed alone).
list_phase() {
    local total="$1" primary="$2" db cookie body rows line rps p99 failed tag
    db="$(fresh_db "server-list-$total")"
    start_server "$port" "$db"
    "$BENCH_DIR/seed.sh" "$db" "$total" 0 >/dev/null
    cookie="$(sign_in "$port" demo-shopper)"
    body="$(curl -fsS -H "cookie: $cookie" "$base/api/complaints")"
    rows="$(grep -o '"number":"TS' <<<"$body" | wc -l)"
    tag="list, $rows rows/page of $total"
    log "GET /api/complaints as demo-shopper: $rows rows, ${#body} bytes; wrk -t$threads -c$list_connections -d${duration}s"
    # Warm-up (caches, connection pool), not measured.
    BENCH_MODE=list BENCH_COOKIE="$cookie" wrk -t"$threads" -c"$list_connections" -d2s \
        -s "$BENCH_DIR/wrk/api.lua" "$base/api/complaints" >/dev/null
    line="$(BENCH_MODE=list BENCH_COOKIE="$cookie" run_wrk "$list_connections" /api/complaints)"
    log "$line"
    rps="$(field rps "$line")"
    p99="$(field p99_ms "$line")"
    failed="$(( $(field non2xx "$line") + $(field socket_errors "$line") ))"
    if $primary; then
        result server "$tag: requests/s (c=$list_connections)" "$rps" "req/s" ">= 5000" "$(verdict "$rps" '>=' 5000)"
    else
        result server "$tag: requests/s (c=$list_connections)" "$rps" "req/s"
    fi
    result server "$tag: latency p50 / p99" "$(field p50_ms "$line") / $p99" ms
    result server "$tag: failed requests (non-2xx, socket)" "$failed" count "0" "$(verdict "$failed" '<=' 0)"
    report_costs "$tag" "$line"
    stop_server
}
primary=true
for total in $list_totals; do
    list_phase "$total" "$primary"
    primary=false
done

# --- POST /api/complaints/{id}/withdrawal ----------------------------------------------------
# withdraw_phase CONNECTIONS PRIMARY
withdraw_phase() {
    local connections="$1" primary="$2" db seeded first_id last_id cookie line rps p99 failed withdrawn tag
    # wrk needs a connection per thread (dynamic scope: run_wrk sees this one).
    local threads="$threads"
    ((connections >= threads)) || threads="$connections"
    db="$(fresh_db "server-withdraw-c$connections")"
    start_server "$port" "$db"
    log "seeding $withdrawable withdrawable complaints"
    seeded="$("$BENCH_DIR/seed.sh" "$db" 0 "$withdrawable")"
    first_id="$(sed -n 's/^first_id=//p' <<<"$seeded")"
    last_id="$(sed -n 's/^last_id=//p' <<<"$seeded")"
    [[ "$first_id" -gt 0 ]] || die "seeding withdrawable complaints failed: $seeded"
    cookie="$(sign_in "$port" bench-withdraw)"
    tag="withdraw, c=$connections"
    log "POST /api/complaints/{id}/withdrawal as bench-withdraw, ids $first_id–$last_id; wrk -t$threads -c$connections -d${duration}s"
    line="$(BENCH_MODE=withdraw BENCH_COOKIE="$cookie" FIRST_ID="$first_id" LAST_ID="$last_id" \
        THREADS="$threads" run_wrk "$connections" /api/complaints/0/withdrawal)"
    log "$line"
    rps="$(field rps "$line")"
    p99="$(field p99_ms "$line")"
    failed="$(( $(field non2xx "$line") + $(field socket_errors "$line") ))"
    withdrawn="$(sqlite3 "$db" ".timeout 10000" "SELECT count(*) FROM complaints c JOIN users u ON u.id = c.owner_id WHERE u.username = 'bench-withdraw' AND c.status = 'withdrawn'")"
    if $primary; then
        result server "$tag: withdrawals/s" "$rps" "req/s" ">= 1000" "$(verdict "$rps" '>=' 1000)"
        result server "$tag: latency p99" "$p99" ms "<= 10" "$(verdict "$p99" '<=' 10)"
    else
        result server "$tag: withdrawals/s" "$rps" "req/s"
        result server "$tag: latency p99" "$p99" ms
    fi
    result server "$tag: latency p50" "$(field p50_ms "$line")" ms
    result server "$tag: failed requests (non-2xx, socket, ids exhausted)" "$failed" count "0" "$(verdict "$failed" '<=' 0)"
    result server "$tag: complaints withdrawn in the database / requests counted by wrk" "$withdrawn / $(field requests "$line")" count
    report_costs "$tag" "$line"
    stop_server
}
primary=true
for connections in $withdraw_connections; do
    withdraw_phase "$connections" "$primary"
    primary=false
done
