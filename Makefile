# FinEst Twins portal. `make run` serves the demo on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in pages, feeds, calendars and emails point to when SITE_URL is not set: the one
# `make run` serves (a server listening on every interface is reached on loopback).
SITE_HOST = $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))

.PHONY: help venv install install-dev migrate messages demo run superuser test test-sqlite test-future api-check lint check-migrations worker beat backup restore clean

help:
	@echo "make run         install, migrate, compile messages, load demo content and serve http://$(HOST):$(PORT)"
	@echo "make test        run the whole test suite (installs chromium if missing, starts throwaway PostgreSQL and Redis)"
	@echo "make test-sqlite the suite on SQLite, without the integration tests"
	@echo "make test-future the suite with the clock moved 400 days ahead (CLOCK_SHIFT_DAYS=N)"
	@echo "make superuser   create an admin user (asks for the password)"
	@echo "make worker      a Celery worker (needs REDIS_URL)"
	@echo "make beat        Celery beat, the scheduler (needs REDIS_URL)"
	@echo "make backup      export all content and media to var/backups/<time>/ (BACKUP=folder to choose)"
	@echo "make restore BACKUP=folder   load such a backup into an empty database"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

messages: install
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo_content

run: messages demo
	@echo ""
	@echo "FinEst Twins portal: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "To create an admin user, run in another terminal:  make superuser"
	@echo ""
	SITE_URL="$${SITE_URL:-http://$(SITE_HOST):$(PORT)}" DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

superuser: migrate
	DEBUG=1 $(BIN)/python manage.py createsuperuser

# The whole suite on PostgreSQL and Redis (throwaway servers unless DATABASE_URL and REDIS_URL are set);
# scripts/test says what it installs and starts.
test: install-dev
	PYTEST_ARGS="$(PYTEST_ARGS)" scripts/test

# The suite on SQLite with tasks in-process, as `make run` serves; the integration and browser tests run in `make test`.
test-sqlite: install-dev
	TEST_DATABASE=sqlite PYTEST_ARGS="$(PYTEST_ARGS)" scripts/test

# The suite with the clock moved CLOCK_SHIFT_DAYS ahead (default 400), without the browser tests and schemathesis.
CLOCK_SHIFT_DAYS ?= 400
test-future: install-dev
	FINEST_TEST_CLOCK_SHIFT_DAYS=$(CLOCK_SHIFT_DAYS) PYTEST_ARGS="-m 'not browser and not schemathesis' $(PYTEST_ARGS)" scripts/test

# The OpenAPI schema must validate without warnings (schemathesis runs against it inside `make test`).
api-check: install-dev
	DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

lint: install-dev
	$(BIN)/ruff check .

check-migrations: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	DEBUG=$${DEBUG:-1} $(BIN)/celery -A finest worker --loglevel=INFO --concurrency=$${CELERY_CONCURRENCY:-2}

beat: install
	mkdir -p var
	DEBUG=$${DEBUG:-1} $(BIN)/celery -A finest beat --loglevel=INFO --schedule=var/celerybeat-schedule

# Content backup: all rows as XML plus the media files, into var/backups/<timestamp>/ (or BACKUP=folder).
# Restore reads such a folder into an empty, migrated database. The README also gives the pg_dump way.
BACKUP ?= var/backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py backup_content $(BACKUP)

restore: migrate
	@test -n "$(BACKUP)" -a -d "$(BACKUP)" || (echo "usage: make restore BACKUP=var/backups/<folder>"; exit 2)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py restore_content $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
