# Passerelle — the everyday commands. `make run` serves the product; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
REDIS_TEST_URL ?= redis://127.0.0.1:6379/9

WEB_STAMP := web/node_modules/.installed

.PHONY: install lock run dev web node test test-sqlite test-services lint schema bench bench-web screenshots clean

## Installs exactly the locked versions (hashes checked), then the project itself without resolving again.
$(STAMP): pyproject.toml requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Re-resolve the lock files after a change to the dependencies in pyproject.toml (needs the index).
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 --quiet
lock:
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv
	$(UV_COMPILE) -o requirements/runtime.txt
	$(UV_COMPILE) --extra test -o requirements/test.txt

## Node.js ≥ 20.19 builds the web client: one clear line when it is missing or too old.
node:
	@bash scripts/check_node.sh

$(WEB_STAMP): web/package-lock.json | node
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

## Build the web client (codegen from schema/schema.graphql → type-check → vite) into web/dist.
web: node $(WEB_STAMP)
	cd web && npm run build

## Build the client, migrate, load the demo data, serve http://127.0.0.1:8000/ (API and GraphiQL at /graphql).
run: $(STAMP) web
	$(BIN)/passerelle migrate
	$(BIN)/passerelle demo
	$(BIN)/passerelle serve --host 127.0.0.1 --port 8000

## The API on :8000 and Vite's dev server with hot reload on http://127.0.0.1:5173/ (proxying /graphql).
dev: $(STAMP) node $(WEB_STAMP)
	$(BIN)/passerelle migrate
	bash scripts/dev.sh

## The embedded pass always; the PostgreSQL + Redis + worker pass when the services answer
## (with CI=true, unreachable services are a failure).
test: $(STAMP)
	bash scripts/test.sh

## What CI enforces: lint, format and strict types (tests/, bench/ and harness/ included).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Re-export the committed SDL after a schema change.
schema: $(STAMP)
	$(BIN)/passerelle export-schema --output schema/schema.graphql

bench: $(STAMP)
	$(BIN)/python bench/normalize.py
	$(BIN)/python bench/match.py --quick
	$(BIN)/python bench/reports.py --quick
	$(BIN)/python bench/match_e2e.py --rate 10
	$(BIN)/python bench/scale.py --members 5000 --postings 250 --matches 50000 --runs 1 --requests 50

## The web client: initial JS (gzip), the dashboard's load time and Lighthouse scores on a demo site.
bench-web: $(STAMP) web
	$(BIN)/python bench/web.py

## PNG screenshots of the partner space from the demo data, into docs/screenshots/ (shown in the README).
screenshots: $(STAMP) web
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache web/node_modules web/dist web/src/graphql bench/web-tools/node_modules
