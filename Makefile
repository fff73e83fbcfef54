# Quartier: `make run` sets everything up and serves the demo city; `make test` checks it all.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
PY_STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
NPM_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup deps pdf-deps migrate lint typecheck pytest browser-deps browser-test bench bench-http check-deploy clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm fehlt: bitte Node.js 20 installieren (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	rm -f node_modules/.installed-*
	touch $@

deps: $(PY_STAMP) $(NPM_STAMP)

migrate: deps
	@mkdir -p var
	$(PY) manage.py migrate --noinput

# HarfBuzz's subsetter makes WeasyPrint's PDFs (attendance list, letters) twice as fast as
# its fontTools fallback; without it they still work, only slower.
pdf-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null)) || \
	    echo "Hinweis: libharfbuzz-subset0 ließ sich nicht installieren; PDFs entstehen langsamer."; \
	  else \
	    echo "Hinweis: PDFs entstehen schneller mit: sudo apt-get install libharfbuzz-subset0"; \
	  fi; \
	fi

setup: migrate pdf-deps

run: setup
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: deps
	$(VENV)/bin/mypy quartier/*/services.py quartier/*/selectors.py quartier/*/permissions.py \
		quartier/core/fulltext.py quartier/core/reads.py quartier/bodies/search.py quartier/demo/cycle.py quartier/cycle/{invite,mail,jobs,letters,minutes,agreements,discussed,replies,proposals,attendance_list}.py

pytest: deps
	$(VENV)/bin/pytest

# Debian's Chromium for the browser gate; never a downloaded browser.
browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
	  else \
	    echo "Chromium fehlt. Bitte installieren: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

browser-test: setup browser-deps
	$(VENV)/bin/pytest browser_tests -p no:cacheprovider -n 2

# The browser gate runs on the SQLite run only (it serves its own file database).
test: setup lint typecheck
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest
	@if [ -z "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory browser-test; fi

# Benchmarks: timings never go into tests (see README, Performance).
bench: setup
	$(PY) -m bench $(BENCH_ARGS)

bench-http: setup
	$(PY) -m bench.http $(BENCH_ARGS)

check-deploy: deps
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=quartier.example \
	  SECURE_SSL_REDIRECT=true SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=true \
	  SECURE_HSTS_PRELOAD=true STATIC_MANIFEST=true \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules var/static
