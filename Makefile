# Equity Portal: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
SSO_PROVIDER := tests/sso/provider
HTML_CHECKER := tests/html

.PHONY: run test test-fast messages lint install install-dev migrate demo worker bench clean

# The venv's own pip installs the pinned requirements (upgrading it first cost a resolve and an install); pip shows
# each package as it goes, and writes its detailed log to .venv/pip.log.
PIP_INSTALL := $(PIP) install --disable-pip-version-check --progress-bar on --log $(VENV)/pip.log

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	@echo "Installing requirements.txt into $(VENV) (about a minute on a new machine)"
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	@echo "Installing requirements-dev.txt into $(VENV) (about a minute on a new machine)"
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# The test identity provider's npm packages (tests/sso/provider, ADR 0058), when npm is here; without it the single
# sign-on tests are skipped with a reason (never under CI=true, where .ci/run installs Node.js).
$(SSO_PROVIDER)/node_modules/.package-lock.json: $(SSO_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(SSO_PROVIDER) --no-audit --no-fund --loglevel=error > $(SSO_PROVIDER)/npm.log 2>&1 \
	    || (tail -n 30 $(SSO_PROVIDER)/npm.log; exit 1); \
	  touch $@; \
	else \
	  echo "note: npm not found: the single sign-on tests (tests/sso) will be skipped (apt-get install nodejs npm)"; \
	fi

# The Nu HTML Checker (vnu-jar from npm, ADR 0064) that the browser tests run over every page they visit, when npm is
# here; its install script is not run (it would fetch a Java from outside the registries): the checker runs on the
# system's Java (apt-get install default-jre-headless). Without either, the check is skipped with a reason (never
# under CI=true).
$(HTML_CHECKER)/node_modules/.package-lock.json: $(HTML_CHECKER)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(HTML_CHECKER) --ignore-scripts --no-audit --no-fund --loglevel=error > $(HTML_CHECKER)/npm.log 2>&1 \
	    || (tail -n 30 $(HTML_CHECKER)/npm.log; exit 1); \
	  touch $@; \
	else \
	  echo "note: npm not found: the browser tests' HTML check (tests/html) will be skipped (apt-get install npm)"; \
	fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev $(SSO_PROVIDER)/node_modules/.package-lock.json \
	$(HTML_CHECKER)/node_modules/.package-lock.json

## make run: the portal with demo data at http://$(HOST):$(PORT) (SQLite and in-process tasks unless DATABASE_URL/REDIS_URL are set)
## (demo_prepare, in one process: catalogs_compile when a .po changed, migrate when migrations are pending, seed_demo
## for what the demo lacks; ADR 0063)
run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py demo_prepare
	@echo "Demo: second factors are offered, not required (MFA_REQUIRED_ROLES empty); to try the requirement run"
	@echo "  MFA_REQUIRED_ROLES=equity_team,admin make run   (passkeys: open http://localhost:$(PORT)/, docs/accounts/mfa.md)"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} MFA_REQUIRED_ROLES="$${MFA_REQUIRED_ROLES-}" \
		MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN=$${MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN:-true} $(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite, in parallel on up to 4 cores (TEST_WORKERS=0 runs it in one process); PostgreSQL,
## Redis, Chromium and Node.js (the test identity provider) tests, and the browser tests' HTML check (Java), are skipped
## with a reason when missing, never under CI=true
TEST_WORKERS ?= auto
test: install-dev
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --maxprocesses 4 $(PYTEST_ARGS)

## make test-fast: the unit layer (no database, browser, service or fault tests) on SQLite, in under a minute
FAST_MARKERS := not database and not slow and not fault and not needs_chromium and not needs_postgres and not needs_redis and not needs_gettext
test-fast: install-dev
	env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest -n $(TEST_WORKERS) --maxprocesses 4 -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

## make messages: new marked strings into every catalog (GNU gettext), then `manage.py catalogs_check` (docs/translation/)
messages: install-dev
	DJANGO_DEBUG=true $(PY) manage.py catalogs_update
	DJANGO_DEBUG=true $(PY) manage.py catalogs_check

lint: install-dev
	$(VENV)/bin/ruff check .

## make bench: query counts, sequential scans, a locust load test at demo size and city scale, and the public pages
## throughput against the floor page (fails below 10x its requests/s or with a higher p95) (PostgreSQL)
bench: install-dev
	$(PY) bench/run.py --public-gate $(BENCH_ARGS)

worker: install
	$(VENV)/bin/celery -A equity worker --loglevel INFO --concurrency 2 --prefetch-multiplier 1 -Q celery,maintenance

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
