# The two commands a newcomer needs: `make run` and `make test` (see README.md).

CARGO ?= cargo
DEMO_DIR := target/demo-data
RUNGS := target/debug/rungs

.PHONY: run test deps lint test-rust

## run: build the CLI, load the demo journal into a scratch data dir, show it
run:
	$(CARGO) build --locked --bin rungs
	rm -rf $(DEMO_DIR)
	RUNGS_DATA_DIR=$(DEMO_DIR) $(RUNGS) demo
	@echo
	$(RUNGS) --help
	@echo
	RUNGS_DATA_DIR=$(DEMO_DIR) $(RUNGS) list --limit 10
	@echo
	@echo "The demo journal is in $(DEMO_DIR). Try: RUNGS_DATA_DIR=$(DEMO_DIR) $(RUNGS) followups --open"

## test: install missing system packages, then run every lint and test
test: deps lint test-rust

deps:
	./scripts/install-deps

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

test-rust:
	$(CARGO) test --locked --workspace
