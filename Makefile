# casecourse: two commands — `make demo` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared
EXAMPLE := src/casecourse/examples/lupus_course.txt

.PHONY: demo test eval bench lint setup clean

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

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests

eval: setup
	$(BIN)/python -m casecourse.evaluation.make_eval --corpora $(SHARED)/corpora --out out/eval

bench: setup
	$(BIN)/python benchmarks/run.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out build src/*.egg-info
