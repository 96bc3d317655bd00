# Qualimark — the two commands of the README, and the pieces they are made of.
# Needs only python3 (3.11) and make: everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
BIN := $(VENV)/bin
# The PostgreSQL server of the suite; its test database is created beside the one named here.
export QUALIMARK_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/qualimark

.PHONY: demo test install browser lint typecheck test-sqlite test-postgres messages bench bench-quick measure-queue wrk

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

install: $(UV)
	$(UV) sync --frozen --quiet

## The demo: SQLite under var/, migrated, demo data, server on 127.0.0.1:8000.
demo: install
	QUALIMARK_DEBUG=1 $(BIN)/qualimark demo

## Everything that CI runs: lint, types, then the suite on SQLite and on PostgreSQL.
test: install browser lint typecheck test-sqlite test-postgres

## The browser tests drive Debian's Chromium (a browser download of Playwright's own does not
## work everywhere); installed with apt when missing and when we may (root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Install Chromium (Debian: apt-get install chromium) for the browser tests." >&2; exit 1; fi; }

lint:
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck:
	QUALIMARK_DEBUG=1 $(BIN)/mypy src tests scripts

test-sqlite:
	QUALIMARK_SECRET_KEY=test QUALIMARK_DATABASE_URL=sqlite:///var/test.sqlite3 \
		$(BIN)/pytest -p no:cacheprovider

test-postgres:
	$(BIN)/python scripts/ensure_postgres.py
	QUALIMARK_SECRET_KEY=test QUALIMARK_DATABASE_URL=$(QUALIMARK_TEST_POSTGRES_URL) \
		$(BIN)/pytest -p no:cacheprovider

## The national-scale benchmark (not part of the tests): 1,000,000 datasheets on SQLite and
## PostgreSQL, served by granian and gunicorn, loaded by wrk on 127.0.0.1. About an hour.
## It serves only its own generated registries, on 127.0.0.1: a key of its own will do.
BENCH_KEY := QUALIMARK_SECRET_KEY=$${QUALIMARK_SECRET_KEY:-benchmark-on-127.0.0.1-only}

bench: install wrk
	$(BENCH_KEY) $(BIN)/qualimark bench --datasheets 1000000

## The same at 100,000 datasheets: a quarter of an hour.
bench-quick: install wrk
	$(BENCH_KEY) $(BIN)/qualimark bench --datasheets 100000

## One person's work queue with 1,000 open items: its queries and median time per view.
measure-queue: install
	$(BIN)/python scripts/measure_queue.py --items 1000

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "Install wrk (Debian: apt-get install wrk) for the benchmark." >&2; exit 1; fi; }

## Gather the translatable strings into the catalogues (needs GNU gettext), then compile them.
messages: install
	cd src/qualimark && QUALIMARK_DEBUG=1 ../../$(BIN)/qualimark makemessages -l nl -l fr --no-obsolete --no-location
	$(BIN)/python scripts/compile_messages.py
