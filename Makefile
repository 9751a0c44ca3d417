# sakip — `make run` sets everything up and serves; `make test` runs the gates and the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAKIP := $(BIN)/sakip
HOST ?= 127.0.0.1:8000
# PostgreSQL used for the second test run (the machine's local server, trust auth).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/sakip

.PHONY: install run demo test test-sqlite test-postgres lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# The background worker (schedules, reminders) runs beside the web server and stops with it.
run: install
	DEBUG=1 $(SAKIP) migrate --noinput
	DEBUG=1 $(SAKIP) demo --tanpa-email
	DEBUG=1 $(SAKIP) worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		DEBUG=1 TTE_KUNCI_DEMO=1 $(SAKIP) runserver $(HOST)

demo: install
	DEBUG=1 $(SAKIP) migrate --noinput
	DEBUG=1 $(SAKIP) demo --tanpa-email

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SAKIP_DATA_DIR=$$(mktemp -d) $(SAKIP) check --fail-level WARNING
	SAKIP_DATA_DIR=$$(mktemp -d) $(SAKIP) makemigrations --check --dry-run

test-sqlite: install
	$(BIN)/pytest

# Runs on PostgreSQL when a server answers; REQUIRE_POSTGRES=1 (CI) makes a missing one fail.
test-postgres: install
	@if $(BIN)/python -m sakip.lib.dbcheck "$(PG_TEST_URL)"; then \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest; \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "PostgreSQL tidak terjangkau di $(PG_TEST_URL), padahal REQUIRE_POSTGRES=1"; exit 1; \
	else \
		echo "PostgreSQL tidak terjangkau: uji PostgreSQL dilewati (set REQUIRE_POSTGRES=1 untuk mewajibkan)"; \
	fi

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
