# sakip — `make run` sets everything up and serves; `make test` runs the gates and the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAKIP := $(BIN)/sakip
HOST ?= 127.0.0.1:8000
# PostgreSQL used for the second test run (the machine's local server, trust auth).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/sakip
# How the suites run: one pytest-xdist worker per core (each with its own test database),
# a module's tests kept on one worker so a module-wide demo fixture is built once, and the
# 15 slowest tests printed so the next maintainer sees where the minutes go.
# `make test PYTEST_OPTS=` runs serially.
PYTEST_OPTS ?= -n auto --dist loadscope --durations=15
# Prints "== fase: NAME (N s)" after a phase and keeps its exit status, so a CI log shows
# where the time goes. pytest's exit status 5 (nothing collected) fails like any other.
FASE = t0=$$(date +%s); trap '{ set +x; } 2>/dev/null; echo "== fase: $(1) ($$(( $$(date +%s) - t0 )) s)"' EXIT;
# Python may cache bytecode and pytest its rewritten test modules (__pycache__, gitignored)
# even where the environment sets PYTHONDONTWRITEBYTECODE: the second suite and each xdist
# worker then collect in a third of the time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run demo test test-sqlite test-postgres lint typecheck bench clean

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
	@$(call FASE,lint) set -ex; \
		$(BIN)/ruff check .; \
		$(BIN)/ruff format --check .; \
		SAKIP_DATA_DIR=$$(mktemp -d) $(SAKIP) check --fail-level WARNING; \
		SAKIP_DATA_DIR=$$(mktemp -d) $(SAKIP) makemigrations --check --dry-run
	@$(MAKE) --no-print-directory typecheck

# mypy with django-stubs over the modules listed in pyproject.toml ([tool.mypy] files).
# Its own cache: mypy 1.19 replays a module's cached errors even where that module is only
# followed silently, so a hand run on a module outside the gate would fail the gate.
typecheck: install
	@$(call FASE,typecheck) set -x; \
		SAKIP_DATA_DIR=$$(mktemp -d) $(BIN)/mypy --cache-dir .mypy_cache/gate

# The whole suite on SQLite; browser tests run when Chromium exists (skipped otherwise,
# failed where REQUIRE_BROWSER=1). `make test` passes PYTEST_SELECT='-m "not browser"'
# when PostgreSQL answers, so browser tests run once there, not twice.
PYTEST_SELECT ?=
test-sqlite: install
	@$(call FASE,uji SQLite) set -x; $(BIN)/pytest $(PYTEST_OPTS) $(PYTEST_SELECT)

# Runs on PostgreSQL when a server answers; REQUIRE_POSTGRES=1 (CI) makes a missing one fail.
# Every test runs here, the browser tests and the PostgreSQL-only concurrency tests included.
test-postgres: install
	@$(call FASE,uji PostgreSQL) \
	if $(BIN)/python -m sakip.lib.dbcheck "$(PG_TEST_URL)"; then \
		set -x; DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest $(PYTEST_OPTS); \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "PostgreSQL tidak terjangkau di $(PG_TEST_URL), padahal REQUIRE_POSTGRES=1"; exit 1; \
	else \
		echo "PostgreSQL tidak terjangkau: uji PostgreSQL dilewati (set REQUIRE_POSTGRES=1 untuk mewajibkan)"; \
	fi

# Every non-browser test runs on both databases; the browser tests run once — with
# PostgreSQL when it answers (always in CI), else with SQLite.
test: lint
	@if $(BIN)/python -m sakip.lib.dbcheck "$(PG_TEST_URL)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-sqlite PYTEST_SELECT='-m "not browser"'; \
	else \
		$(MAKE) --no-print-directory test-sqlite; \
	fi
	@$(MAKE) --no-print-directory test-postgres

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
