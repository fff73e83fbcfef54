# Quartier: `make run` sets everything up and serves the demo city; `make test` checks it all.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
PY_STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
NPM_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

.PHONY: run test setup deps migrate lint typecheck pytest check-deploy clean

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

setup: migrate

run: setup
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: deps
	$(VENV)/bin/mypy quartier/*/services.py quartier/*/selectors.py quartier/*/permissions.py

pytest: deps
	$(VENV)/bin/pytest

test: setup lint typecheck
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

check-deploy: deps
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=quartier.example \
	  SECURE_SSL_REDIRECT=true SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=true \
	  SECURE_HSTS_PRELOAD=true STATIC_MANIFEST=true \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules var/static
