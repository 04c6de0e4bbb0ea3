# DealPilot — two commands: `make run` and `make test`. Everything else builds on `make setup`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
VENDOR := dealpilot/web/static/vendor
SECRET_KEY_FILE ?= data/secret_key
export DJANGO_SETTINGS_MODULE ?= dealpilot.web.settings

.PHONY: setup secret-key run test test-fast bench lint messages demo clean

setup: $(VENV)/.installed $(VENDOR)/.installed secret-key messages
	@mkdir -p data
	@$(BIN)/python manage.py migrate --noinput -v 0
	@echo "setup: ok"

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

# Front-end libraries come from the npm registry and are served by the app (no CDN).
$(VENDOR)/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	@mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/
	@touch $@

# Compiled message catalogues (.mo) are built from the committed .po files.
messages: $(VENV)/.installed
	@cd dealpilot && ../$(BIN)/django-admin compilemessages -v 0 --ignore=.venv 2>/dev/null || ../$(BIN)/python -m dealpilot.web.compile_messages

# The key sessions and CSRF tokens are signed with: written once, kept across runs (settings read
# it when SECRET_KEY is not set). Production may set SECRET_KEY instead.
secret-key:
	@test -s "$(SECRET_KEY_FILE)" || { mkdir -p "$(dir $(SECRET_KEY_FILE))" && (umask 077 && \
		python3 -c "import secrets; print(secrets.token_urlsafe(50))" > "$(SECRET_KEY_FILE).tmp") && \
		mv "$(SECRET_KEY_FILE).tmp" "$(SECRET_KEY_FILE)"; }

run: setup
	@$(BIN)/dealpilot demo --if-empty
	@echo ""
	@echo "DealPilot is running at http://127.0.0.1:$(PORT)/"
	@echo "Demo logins (demo only): admin, manager1-3, rep1-9 — password: dealpilot-demo"
	@# The background-job worker runs beside the server and stops with it.
	@$(BIN)/python manage.py jobs_worker -v 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/python -m pytest

bench: setup
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: $(VENV)/.installed
	$(BIN)/ruff check dealpilot tests bench
	$(BIN)/mypy dealpilot/engine

clean:
	rm -rf $(VENV) node_modules $(VENDOR) data/*.sqlite3
