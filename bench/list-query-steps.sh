#!/usr/bin/env bash
# SQLite virtual-machine steps of one shopper's first list page (20 rows), a count that does
# not move with the host's load: the newest-first order (the agents' console), the
# withdrawable-first list as an ORDER BY CASE (what list.rs builds), as a UNION ALL of two
# index walks (tried in list.rs and not kept: the real server served fewer lists with it, see
# BENCHMARKS.md), and that union sorting only the keys before reading the rows (3 % fewer
# steps). The queries are hand copies of what list.rs builds, or would (and of the withdrawable
# group's statuses and window): a change there needs one here.
# Usage: bench/list-query-steps.sh [complaints per shopper ...]   (needs the sqlite3 CLI;
#   PLAN=1 also prints each query's plan)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "list-query-steps: install sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
now=1800000000000; since=$((now - 86400000))

cols="c.id, c.number, c.owner_id, c.order_id, o.number, o.title, o.shop, o.amount_fen, o.image,
  c.kind, c.status, c.filed_at, c.version, EXISTS (SELECT 1 FROM assistance_requests a
  WHERE a.complaint_id = c.id AND a.status = 'pending')"
from="FROM complaints c JOIN orders o ON o.id = c.order_id WHERE c.owner_id = 1"
in_window="(c.status IN ('pending', 'processing') AND c.filed_at >= $since)"
declare -A query=(
  [newest_first]="SELECT $cols $from ORDER BY c.filed_at DESC, c.id DESC LIMIT 20"
  [order_by_case]="SELECT $cols $from ORDER BY CASE WHEN $in_window THEN 0 ELSE 1 END,
    CASE WHEN $in_window THEN c.filed_at ELSE -c.filed_at END,
    CASE WHEN $in_window THEN c.id ELSE -c.id END LIMIT 20"
  [union_all]="SELECT * FROM (SELECT $cols, 0 AS part, c.filed_at AS sort_at, c.id AS sort_id
    $from AND $in_window ORDER BY c.filed_at, c.id LIMIT 20)
    UNION ALL SELECT * FROM (SELECT $cols, 1, -c.filed_at, -c.id
    $from AND NOT $in_window ORDER BY c.filed_at DESC, c.id DESC LIMIT 20)
    ORDER BY part, sort_at, sort_id LIMIT 20"
  [union_keys]="SELECT $cols FROM (SELECT * FROM (SELECT c.id AS kid, 0 AS part, c.filed_at AS sort_at, c.id AS sort_id
    $from AND $in_window ORDER BY c.filed_at, c.id LIMIT 20)
    UNION ALL SELECT * FROM (SELECT c.id, 1, -c.filed_at, -c.id
    $from AND NOT $in_window ORDER BY c.filed_at DESC, c.id DESC LIMIT 20)
    ORDER BY part, sort_at, sort_id LIMIT 20) k JOIN complaints c ON c.id = k.kid JOIN orders o ON o.id = c.order_id
    ORDER BY k.part, k.sort_at, k.sort_id"
)

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
for n in "${sizes[@]}"; do
  db="$work/list-$n.db"
  for migration in crates/server/migrations/sqlite/*.sql; do sqlite3 "$db" < "$migration"; done
  # Two shoppers with n complaints each, one every 30 minutes; a fifth pending or processing.
  sqlite3 "$db" <<SQL
INSERT INTO users VALUES (1, 'a', 'A', 'shopper', 'verified', 0, 0), (2, 'b', 'B', 'shopper', 'verified', 0, 0);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n * 2)
INSERT INTO orders SELECT i, 'O' || i, 'title ' || i, 'shop', 100, $now - i * 1800000, 1 + i % 2, NULL FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n * 2)
INSERT INTO complaints SELECT i, 'C' || i, i, 1 + i % 2, 'other', 'd',
  CASE WHEN i % 20 < 2 THEN 'pending' WHEN i % 20 < 4 THEN 'processing' ELSE 'resolved' END,
  $now - i * 1800000, 1, 0 FROM s;
ANALYZE;
SQL
  for name in newest_first order_by_case union_all union_keys; do
    [ -n "${PLAN:-}" ] && { echo "$name:"; sqlite3 "$db" "EXPLAIN QUERY PLAN ${query[$name]};"; }
    steps=$(printf '.stats on\n%s;\n' "${query[$name]}" | sqlite3 "$db" \
      | awk -F: '/Virtual Machine Steps/ { gsub(/ /, "", $2); print $2 }')
    rows=$(sqlite3 "$db" "${query[$name]};" | cut -d'|' -f1-14 | md5sum | cut -c1-8)
    printf '%5d complaints  %-14s %7d VM steps  rows %s\n' "$n" "$name" "$steps" "$rows"
  done
done
