# casecourse: two commands — `make demo` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared
EXAMPLE := src/casecourse/examples/lupus_course.txt

.PHONY: demo test eval bench lint setup clean browser

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) on PATH (or: make PY=python3 ...)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/casecourse analyze $(EXAMPLE) --format all -o out/
	@echo "wrote out/course.json, out/course.fhir.json, out/report.html"

# The report's browser test needs Debian's chromium and Playwright's Python client (never
# `playwright install`: it downloads browsers). Without root or apt the test skips and says why.
browser: setup
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q chromium; } \
	  || echo "browser: could not install chromium; the browser tests will skip"
	@$(BIN)/python -c "import playwright" 2>/dev/null || $(BIN)/pip install -q 'playwright>=1.45,<2' \
	  || echo "browser: could not install playwright; the browser tests will skip"

test: setup browser
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests

eval: setup
	$(BIN)/python -m casecourse.evaluation.make_eval --corpora $(SHARED)/corpora --out out/eval

bench: setup
	$(BIN)/python benchmarks/run.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out build src/*.egg-info
