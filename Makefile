# The two commands a newcomer needs: `make run` and `make test` (see README.md).

CARGO ?= cargo
DEMO_DIR := target/demo-data
RUNGS := target/debug/rungs
APP := target/debug/rungs-app
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: run test deps lint test-rust ui-deps ui-build ui-test e2e deb

## run: install what is missing, build the UI and the desktop app, open it on your journal
run: deps ui-build
	$(CARGO) build --locked -p rungs-app
	$(APP)

## test: install missing system packages, then run every lint and test
test: deps lint test-rust ui-test e2e bench-smoke fuzz-smoke

deps:
	./scripts/install-deps

# Clippy on the workspace compiles the app, which embeds ui/dist: build the UI first.
lint: ui-build
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

test-rust:
	$(CARGO) test --locked --workspace

## bench-smoke: the journal benchmark at a small N, so it cannot rot (figures are not checked)
.PHONY: bench-smoke
bench-smoke:
	RUNGS_BENCH_N=2000 RUNGS_BENCH_SAVES=300 RUNGS_BENCH_ROUNDS=5 RUNGS_BENCH_OUT=journal-smoke.json $(CARGO) bench --locked --profile dev --bench journal

## torture: crash torture (1,000 SIGKILLs) and two writers (10,000 entries) at full scale;
## figures on stderr (RELIABILITY.md). `make test` runs the same tests at a small scale.
TORTURE_KILLS ?= 1000
TORTURE_ENTRIES ?= 10000
.PHONY: torture
torture:
	RUNGS_TORTURE_KILLS=$(TORTURE_KILLS) RUNGS_TORTURE_ENTRIES=$(TORTURE_ENTRIES) $(CARGO) test --locked --test it -- torture:: --nocapture --test-threads=1

## fuzz-smoke / fuzz: the cargo-fuzz targets in fuzz/ (its own workspace), 5 seconds each
## from the committed seed corpora, or FUZZ_SECONDS each growing fuzz/corpus/.
## The smoke run builds without optimisation (--dev: a few minutes instead of tens on 2 cores)
## and without leak detection (tantivy's per-commit thread can be caught mid-exit and
## reported as a leak). The long runs keep it on, except for journal_import: it opens
## and drops an in-memory journal per input (an import has to start from a known
## journal), so tantivy's detached commit-broadcast thread is now and then still running
## when the input ends, and LeakSanitizer reports that race as a leak (RELIABILITY.md).
FUZZ_TARGETS := ladder_import search_query journal_import
FUZZ_SECONDS ?= 600
FUZZ := RUSTC_BOOTSTRAP=1 $(CARGO) fuzz
.PHONY: fuzz-deps fuzz-smoke fuzz
fuzz-deps:
	command -v cargo-fuzz >/dev/null || test -x $(HOME)/.cargo/bin/cargo-fuzz || $(CARGO) install cargo-fuzz --locked
# The smoke run starts from the named seeds only: libFuzzer replays a whole corpus before
# its time limit applies, and the grown corpora take minutes in an unoptimised build.
fuzz-smoke: fuzz-deps
	for t in $(FUZZ_TARGETS); do \
	  rm -rf target/fuzz-smoke/$$t && mkdir -p target/fuzz-smoke/$$t && \
	  ls fuzz/corpus/$$t | grep -vE '^[0-9a-f]{40}$$' | sed "s|^|fuzz/corpus/$$t/|" | xargs cp -t target/fuzz-smoke/$$t && \
	  (cd fuzz && $(FUZZ) run --dev $$t ../target/fuzz-smoke/$$t -- -max_total_time=5 -detect_leaks=0) || exit 1; \
	done
fuzz: fuzz-deps
	for t in $(FUZZ_TARGETS); do \
	  leaks=; [ $$t = journal_import ] && leaks=-detect_leaks=0; \
	  (cd fuzz && $(FUZZ) run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$leaks) || exit 1; \
	done

## ui-deps / ui-build / ui-test: the Svelte UI (npm packages from the lockfile)
ui-deps: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && $(NPM_CI)

ui-build: ui-deps
	cd ui && npm run --silent build

ui-test: ui-build
	cd ui && npm run --silent check && npm run --silent lint && npm run --silent test

## e2e: the built app in a real window (Xvfb + tauri-driver + WebdriverIO); screenshots to target/screenshots/
e2e: deps ui-build
	$(CARGO) build --locked -p rungs-app
	command -v tauri-driver >/dev/null || test -x $(HOME)/.cargo/bin/tauri-driver || $(CARGO) install tauri-driver --locked
	test -f tests/e2e/node_modules/.package-lock.json -a tests/e2e/node_modules/.package-lock.json -nt tests/e2e/package-lock.json || (cd tests/e2e && $(NPM_CI))
	cd tests/e2e && xvfb-run -a -s "-screen 0 1280x860x24" node --test --test-concurrency=1 --test-timeout=600000 $${E2E_TESTS:-*.test.mjs}

## screenshots: the e2e run, keeping its screenshots in docs/screenshots/ (the README's)
.PHONY: screenshots
screenshots:
	E2E_SCREENSHOTS=docs/screenshots $(MAKE) e2e

## deb: a Debian package of the desktop app, under target/release/bundle/deb/
# The Tauri CLI is fetched by npx at a pinned version rather than kept in ui/'s lockfile:
# npm 11 writes its per-platform optional packages into the lock in a way `npm ci` rejects.
TAURI_CLI := @tauri-apps/cli@2.12.5
deb: deps ui-build
	npx --yes $(TAURI_CLI) build --bundles deb
