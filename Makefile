# The README's two commands: `make run` (main job) and `make test` (the suite).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run PORT=8765` serves on another port
PORT ?= 8000

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# YASGUI for the SPARQL page, vendored from the npm registry (served by the app: no CDN).
YASGUI := api/static/yasgui/yasgui.min.js
$(YASGUI): api/static/vendor-yasgui.sh
	bash api/static/vendor-yasgui.sh

# Swagger UI for /docs, the same way.
SWAGGER := api/static/swagger-ui/swagger-ui-bundle.js
$(SWAGGER): api/static/vendor-swagger-ui.sh
	bash api/static/vendor-swagger-ui.sh

install: $(STAMP) $(YASGUI) $(SWAGGER)

run: $(STAMP) $(YASGUI) $(SWAGGER)
	$(BIN)/legal-graph demo --port $(PORT)

test: $(STAMP) $(YASGUI) $(SWAGGER)
	$(BIN)/ruff check graph ingest api tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

.PHONY: install run test
