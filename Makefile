# casecourse: two commands — `make demo` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared
EXAMPLE := src/casecourse/examples/lupus_course.txt

.PHONY: demo test eval score bench lint setup clean browser

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) on PATH (or: make PY=python3 ...)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	@echo "building casecourse's vocabulary indexes once (HPO, drugs, diagnoses, units; ~10 s)"
	$(BIN)/python -c "import casecourse.api; casecourse.api.prepare()"
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

# The whole course against the hand-built reference courses: the seed letter, then the development set.
score: setup
	@mkdir -p out/score/dev
	$(BIN)/casecourse analyze $(SHARED)/seed/letter.txt --format fhir -o out/score/letter.fhir.json
	python3 $(SHARED)/eval/score_course.py $(SHARED)/seed/gold_course.json out/score/letter.fhir.json
	@tail -n +2 $(SHARED)/courses/CASES.tsv | while IFS="$$(printf '\t')" read -r name text; do \
	  $(BIN)/casecourse analyze "$(SHARED)/courses/$$text" --format fhir -o "out/score/dev/$$name.fhir.json" || exit 1; done
	python3 $(SHARED)/eval/score_course.py --dir $(SHARED)/courses out/score/dev

bench: setup
	$(BIN)/python benchmarks/run.py --shared $(SHARED)
	$(BIN)/python benchmarks/service.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out build src/*.egg-info
