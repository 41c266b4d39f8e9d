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

# The extraction modules compiled with mypyc (ingest/compiled.py): built again, about a minute,
# only when one of them changed. Until then, or without a C compiler, the Python files run.
native: $(STAMP)
	$(BIN)/python -c 'import ingest.compiled; ingest.compiled.main()'

# YASGUI for the SPARQL page, vendored from the npm registry (served by the app: no CDN).
YASGUI := api/static/yasgui/yasgui.min.js
$(YASGUI): api/static/vendor.sh
	bash api/static/vendor.sh yasgui @zazuko/yasgui@4.6.2 build/yasgui.min.js build/yasgui.min.css

# Swagger UI for /docs, the same way.
SWAGGER := api/static/swagger-ui/swagger-ui-bundle.js
$(SWAGGER): api/static/vendor.sh
	bash api/static/vendor.sh swagger-ui swagger-ui-dist@5.36.0 swagger-ui-bundle.js swagger-ui.css

install: $(STAMP) native $(YASGUI) $(SWAGGER)

run: $(STAMP) native $(YASGUI) $(SWAGGER)
	$(BIN)/legal-graph demo --port $(PORT)

test: $(STAMP) native $(YASGUI) $(SWAGGER)
	$(BIN)/ruff check graph ingest api tests benchmarks
	$(BIN)/ruff format --check graph ingest api tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

.PHONY: install run test native
