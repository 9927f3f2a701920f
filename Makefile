# Leading Places: two commands, `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
ASSETS_STAMP := static/vendor/govuk-frontend/VERSION
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: run serve-prod scheduled test bench bench-rush lint format install chromium demo worker clean

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check ".[dev]"
	touch $(VENV_STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(ASSETS_STAMP): node_modules/.package-lock.json bin/build_assets.py $(VENV_STAMP)
	$(PY) bin/build_assets.py

install: $(VENV_STAMP) $(ASSETS_STAMP)

chromium:
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium and poppler-utils for the browser and PDF tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; }

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo

run: demo
	HOST=$(HOST) PORT=$(PORT) bin/serve

# The production shape locally: gunicorn + worker + scheduled jobs, DEBUG=0, collectstatic.
serve-prod: demo
	HOST=$(HOST) PORT=$(PORT) bin/serve-prod

# Every time-based job once (cron runs this every minute in production).
scheduled: install
	$(PY) manage.py run_scheduled

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install chromium lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/run.py $(if $(N),--sizes $(N),)

# The deadline rush (apply.rush): 100 applicants at once against gunicorn and the worker on
# PostgreSQL. RUSH_DATABASE_URL=postgres://user@host:port/name: a database it creates and drops.
bench-rush: install
	$(PY) bench/run.py --rush --database-url "$(RUSH_DATABASE_URL)"

clean:
	rm -rf $(VENV) node_modules static/vendor db.sqlite3
