# Service First: `make demo` to run it, `make test` to check it, `make bench` to measure it.
SHELL := /bin/bash
.DEFAULT_GOAL := demo

# Django 6.1 needs Python 3.12 or newer; use the first one found.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 $(wildcard /root/.pyenv/versions/3.13*/bin/python3) $(wildcard /root/.pyenv/versions/3.12*/bin/python3) $(wildcard /usr/local/bin/python3.1[23]) python3
BASE_PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# The suite runs in parallel with pytest-xdist, a worker per CPU: each worker has a test database of its own
# (test-db.sqlite3_gw0, test_test_gw0, ...) and a live server of its own. --dist load hands out tests in
# pytest-django's order (transactional tests after the others) to whichever worker is free. PYTEST_WORKERS=0 runs
# it in one process, as before.
PYTEST_WORKERS ?= auto
PYTEST_XDIST := -n $(PYTEST_WORKERS) --dist load
PYTEST := $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_XDIST)
DEMO_PORT ?= 8000

BOROUGH_SCALE ?= 0.02
BOROUGH_DB ?= borough-$(BOROUGH_SCALE).sqlite3
BOROUGH_ENV = DATABASE_URL=sqlite:///$(CURDIR)/$(BOROUGH_DB)
# The web server with the background-task worker beside it, as production runs them: messages made while using the
# demo leave the outbox within seconds. The worker stops with the server.
SERVE_WITH_WORKER = bash -c '$(PY) manage.py db_worker --interval 5 --no-startup-delay --verbosity 0 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; $(PY) manage.py runserver 127.0.0.1:$(DEMO_PORT)'

.PHONY: demo borough test test-clocks lint check pytest pytest-sqlite pytest-postgres bench setup assets chromium pdflibs wrk faketime clean

$(STAMPS):
	mkdir -p $(STAMPS)

$(STAMPS)/venv: requirements.txt requirements-dev.txt | $(STAMPS)
	@test -n "$(BASE_PYTHON)" || { echo "Python 3.12 or newer is needed (Django 6.1). Set PYTHON=/path/to/python3.12"; exit 1; }
	@echo "Using $(BASE_PYTHON)"
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(STAMPS)/node: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(STAMPS)/assets: $(STAMPS)/node scripts/build-assets.mjs $(wildcard servicefirst/core/assets/*) | $(STAMPS)
	node scripts/build-assets.mjs
	touch $@

setup: $(STAMPS)/venv $(STAMPS)/assets pdflibs

# WeasyPrint turns the printable reports into PDF with Pango and HarfBuzz from Debian.
pdflibs:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 || { \
		echo "Installing Debian's Pango and HarfBuzz for PDF reports"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null) \
		|| { echo "Could not install Pango and HarfBuzz with apt-get"; exit 1; }; }

assets: $(STAMPS)/assets

chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| { echo "Could not install chromium with apt-get"; exit 1; }; }

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Service First is running: residents' site http://127.0.0.1:$(DEMO_PORT)/, staff sign-in http://127.0.0.1:$(DEMO_PORT)/staff/  (Ctrl+C to stop)"
	@echo "For a whole generated year on the performance dashboard: make borough (2% of a borough, a few minutes),"
	@echo "or make borough BOROUGH_SCALE=1 for the full year (about 250,000 customers and 814,000 contacts; 4 to 5 minutes)."
	$(SERVE_WITH_WORKER)

# A generated borough's year in a database of its own, beside the walk-through demo's: both name the same staff.
borough: setup
	$(BOROUGH_ENV) $(PY) manage.py migrate --noinput
	@if $(BOROUGH_ENV) $(PY) manage.py shell -c \
		"import sys; from servicefirst.contacts.models import Contact; sys.exit(0 if Contact.objects.exists() else 1)"; \
	then echo "$(BOROUGH_DB) already holds a generated borough"; \
	else $(BOROUGH_ENV) $(PY) manage.py generate_borough --scale $(BOROUGH_SCALE) --seed 42; fi
	@echo ""
	@# The dashboard's default is the last 28 days; the borough's year is named in the address.
	@year=$$($(BOROUGH_ENV) $(PY) manage.py shell --no-imports -c "from django.utils import timezone; \
		from servicefirst.contacts.selectors import contact_first_started_at as first; \
		print(timezone.localtime(first()).year)"); \
	echo "The generated borough's $$year is running at http://127.0.0.1:$(DEMO_PORT)/staff/performance/?date_from_day=1&date_from_month=1&date_from_year=$$year&date_to_day=31&date_to_month=12&date_to_year=$$year (Ctrl+C to stop)."
	@echo "Sign in as head, tm.patel, councillor or admin (officers officer01 to officer64) with the password demo-password-2026."
	@echo "head and admin also give a code: \`$(PY) manage.py demo_second_factor_code\` prints it (the key is in the README)."
	@echo "The full year: make borough BOROUGH_SCALE=1"
	$(BOROUGH_ENV) $(SERVE_WITH_WORKER)

# import-linter keeps the layers (pyproject.toml's [tool.importlinter]); scripts/lint holds its app contract. An app
# reaching another's table through the ORM's relations or app registry is invisible to it, so that is refused here.
lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=scripts/lint $(VENV)/bin/lint-imports
	@! grep -rnE '\.related_model\b|apps\.get_model\(' servicefirst --include='*.py' --exclude-dir=migrations \
		|| { echo "Reach another app's records through its selectors, not related_model or apps.get_model"; exit 1; }

check: setup
	env -u DATABASE_URL $(PY) manage.py check --fail-level WARNING
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run

pytest-sqlite: setup chromium wrk
	env -u DATABASE_URL $(PYTEST)

# Runs the suite on PostgreSQL too: DATABASE_URL if set, else the local server when one answers.
pytest-postgres: setup chromium wrk
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if [ -n "$$DATABASE_URL" ] || $(PY) scripts/db_answers.py "$$url"; then \
		echo "Running the suite on PostgreSQL ($$url)"; \
		DATABASE_URL="$$url" $(PYTEST); \
	else echo "No PostgreSQL answers at $$url: skipping the PostgreSQL run"; fi

test: lint check pytest-sqlite pytest-postgres

# The suite on SQLite with the system clock faked by Debian's libfaketime to each moment (UTC), one run each: a year's
# end, both 2027 clock changes, a leap day and the turn of a decade. CLOCKS="2027-06-01T00:05" runs another.
CLOCKS ?= 2026-12-31T23:30 2027-03-28T01:30 2027-10-31T01:30 2028-02-29T12:00 2030-01-01T00:05
test-clocks: setup chromium wrk faketime
	@failed=""; for at in $(CLOCKS); do scripts/test-at $$at -q $(PYTEST_XDIST) || failed="$$failed $$at"; done; \
	if [ -n "$$failed" ]; then echo "The suite failed with the clock at:$$failed"; exit 1; fi; \
	echo "The suite passed with the clock at each of: $(CLOCKS)"

faketime:
	@command -v faketime >/dev/null 2>&1 || { echo "Installing Debian's faketime for the faked-clock runs"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null) \
		|| { echo "Could not install faketime with apt-get"; exit 1; }; }

wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the API load benchmark"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
		|| echo "Could not install wrk with apt-get: the contact API benchmark will say it is skipped, and its smoke test fail"; }

# BENCH_ARGS passes options through, e.g. make bench BENCH_ARGS="--only contact_api".
bench: setup wrk
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules build staticfiles $(STAMPS) db.sqlite3*
