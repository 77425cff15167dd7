#!/usr/bin/env bash
# Native timings of the rules with criterion (crates/rules/benches/rules.rs); prints the
# median time per check of each case. Goal: ≤ 50 ns per check.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The `server` profile (opt-level 3, thin LTO): the code the server runs. (`bench` would
# inherit `release`, which optimises the wasm for size.)
log "cargo bench -p complaint-rules --bench rules --profile server (criterion)"
(cd "$ROOT" && cargo bench -q -p complaint-rules --bench rules --profile server >"$BENCH_OUT/criterion.log" 2>&1) || {
    tail -30 "$BENCH_OUT/criterion.log" >&2
    die "cargo bench failed"
}
node - "$CARGO_TARGET_DIR/criterion" <<'JS'
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
const cases = [
  ["check_withdrawal", "eligible", 1],
  ["check_withdrawal", "workload_100k", 100000],
  ["validate_withdrawal", "empty_note", 1],
  ["validate_withdrawal", "short_note_zh", 1],
  ["validate_withdrawal", "max_note_200_zh", 1],
  ["validate_withdrawal", "workload_100k", 100000],
  ["validate_withdrawal", "floor_count_200_zh", 1],
  ["validate_withdrawal", "cow_max_note_200_zh", 1],
  ["validate_withdrawal", "cow_workload_100k", 100000],
  ["validate_withdrawal", "quoted_note_200_zh", 1],
];
for (const [group, name, per] of cases) {
  const file = path.join(dir, group, name, "new", "estimates.json");
  const estimates = JSON.parse(fs.readFileSync(file, "utf8"));
  const ns = estimates.median.point_estimate / per;
  const label = per > 1 ? `${group}: ${name} (per check, native)` : `${group}: ${name} (native)`;
  if (name.startsWith("cow")) {
    // Not a public check's cost: validate_text_cow, the same check without copying the note.
    const what = per > 1 ? "workload_100k, per check" : "200-character note";
    console.log(["RESULT", "rules", `for reference: validate_text_cow (no copy), ${what} (native)`, ns.toFixed(1), "ns", "-", "-"].join("\t"));
  } else if (name.startsWith("quoted")) {
    // A 200-character note with “”… (lead byte E2, as the refused bidi controls): the exact block test.
    console.log(["RESULT", "rules", `for reference: validate_withdrawal, 200-character note with “”… (native)`, ns.toFixed(1), "ns", "-", "-"].join("\t"));
  } else if (name.startsWith("floor")) {
    // Not a check: what only counting the characters of a 200-character note costs.
    console.log(["RESULT", "rules", `for reference: chars().count() of a 200-character note (native)`, ns.toFixed(1), "ns", "-", "-"].join("\t"));
  } else {
    console.log(["RESULT", "rules", label, ns.toFixed(1), "ns", "<= 50", ns <= 50 ? "met" : "NOT met"].join("\t"));
  }
}
JS
