# The commands a newcomer needs. Each installs what is missing first (scripts/setup.sh).
.PHONY: run test setup

## Build the app and serve it on http://127.0.0.1:8080 with demo data.
run:
	scripts/run.sh

## Every check and test: fmt, clippy (native + wasm32), unit, browser and end-to-end tests.
test:
	scripts/test.sh

## Install the tools only.
setup:
	scripts/setup.sh --browser
