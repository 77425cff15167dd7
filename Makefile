# The commands a newcomer needs. Each installs what is missing first (scripts/setup.sh).
.PHONY: run test bench soak setup

## Build the app and serve it on http://127.0.0.1:8080 with demo data.
run:
	scripts/run.sh

## Every check and test: fmt, clippy (native + wasm32), unit, browser and end-to-end tests,
## and the server's hardening checks (fuzzing, schemathesis, SQLite + PostgreSQL suites).
test:
	scripts/test.sh

## Every performance figure in one table (size, first paint, rendering, rules, server load).
bench:
	scripts/bench.sh

## Long hardening runs: each fuzz target for minutes, 25 SIGKILL crash cycles.
soak:
	scripts/soak.sh

## Install the tools only.
setup:
	scripts/setup.sh --browser
