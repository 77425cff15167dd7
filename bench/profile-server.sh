#!/usr/bin/env bash
# Where the server's CPU goes under load (not part of scripts/bench.sh): `perf record` of the
# server during a wrk run of the list or of withdrawals, then the hottest symbols (self time)
# and the hottest SQL-related frames. Needs perf (Debian: linux-perf) and permission to
# profile (root, or kernel.perf_event_paranoid ≤ 1).
#
#   bench/profile-server.sh list|withdraw [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode="${1:?usage: bench/profile-server.sh list|withdraw [SECONDS]}"
seconds="${2:-8}"
command -v perf >/dev/null || die "perf is missing: apt-get install -y linux-perf"
[[ -x "$SERVER_BIN" ]] || build_server
port="$(( $(bench_port) + 3 ))"
db="$BENCH_OUT/profile-$mode.db"
rm -f "$db" "$db-wal" "$db-shm"
trap stop_server EXIT
start_server "$port" "$db"
base="http://127.0.0.1:$port"
case "$mode" in
list)
    "$BENCH_DIR/seed.sh" "$db" 100 0 >/dev/null
    cookie="$(sign_in "$port" demo-shopper)"
    env=(BENCH_MODE=list BENCH_COOKIE="$cookie")
    connections=32 path=/api/complaints
    ;;
withdraw)
    seeded="$("$BENCH_DIR/seed.sh" "$db" 0 40000)"
    cookie="$(sign_in "$port" bench-withdraw)"
    env=(BENCH_MODE=withdraw BENCH_COOKIE="$cookie" THREADS=2
        FIRST_ID="$(sed -n 's/^first_id=//p' <<<"$seeded")" LAST_ID="$(sed -n 's/^last_id=//p' <<<"$seeded")")
    connections=8 path=/api/complaints/0/withdrawal
    ;;
*) die "list or withdraw" ;;
esac
env "${env[@]}" wrk -t2 -c"$connections" -d"$((seconds + 2))s" -s "$BENCH_DIR/wrk/api.lua" "$base$path" \
    >"$BENCH_OUT/profile-$mode.wrk" &
wrk_pid=$!
sleep 1
perf record -q -F 499 -g -p "$SERVER_PID" -o "$BENCH_OUT/profile-$mode.perf" -- sleep "$seconds" 2>/dev/null
wait "$wrk_pid"
grep '^WRK' "$BENCH_OUT/profile-$mode.wrk"
echo
echo "Hottest symbols, self time (perf report --no-children):"
perf report -i "$BENCH_OUT/profile-$mode.perf" --no-children --sort dso,symbol --stdio 2>/dev/null |
    grep -E '^ +[0-9]' | head -40 | cut -c1-180 || true # head ends the pipe early
echo
echo "Self time by kind (all symbols):"
perf report -i "$BENCH_OUT/profile-$mode.perf" --no-children --sort dso,symbol --stdio 2>/dev/null |
    grep -E '^ +[0-9.]+%' | awk '
    { pct = $1; sub(/%/, "", pct); dso = $2; sym = ""; for (i = 4; i <= NF; i++) sym = sym " " $i
      if (sym ~ /malloc|free|realloc|_int_|unlink_chunk|cfree/) k = "allocator (malloc/free)"
      else if (dso ~ /kernel/ && sym ~ /task_switch|schedule|futex|spin_unlock|wake|irq/) k = "kernel: scheduling, futex wake-ups"
      else if (dso ~ /kernel/) k = "kernel: other (syscalls, network)"
      else if (sym ~ /pthread_mutex|lll_lock|pthread_cond/) k = "mutexes (libc)"
      else if (sym ~ /sqlite3|Vdbe|Btree|btree|pcache|pager|Pager|wal[A-Z]|Cell|moveTo|balance|Page/) k = "SQLite (parse, execute, b-tree)"
      else if (sym ~ /sqlx|flume/) k = "sqlx + its worker-thread channel (flume)"
      else if (sym ~ /serde|ser::|de::|format_escaped/) k = "serde / serde_json"
      else if (sym ~ /hyper|axum|tower|tokio|http::/) k = "hyper / axum / tokio"
      else if (sym ~ /sha2|Sha256|hmac|compress/) k = "hashing / compression"
      else if (sym ~ /memmove|memcpy|memcmp|memset|strlen/) k = "memcpy/memcmp"
      else k = "other"
      sum[k] += pct }
    END { for (k in sum) printf "  %6.1f%%  %s\n", sum[k], k }' | sort -rn || true
