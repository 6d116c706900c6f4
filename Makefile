# Reading Propaganda Coverage — the two commands a new user needs are `make book` and `make test`.
# Everything else here is for contributors (see CONTRIBUTING.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.medialit-installed
CONSTRAINTS := requirements/constraints.txt
JB_FLAGS := -W -n --keep-going
# Executed notebook outputs are cached; the cache is dropped whenever the package or data change,
# because the cache only knows a notebook's own code, not the medialit code it calls.
CACHE := _build/.jupyter_cache
SRC_HASH = $(shell cat $$(git ls-files -co --exclude-standard src data 2>/dev/null | sort) 2>/dev/null | sha256sum | cut -c1-16)

.PHONY: help setup book book-student test test-fast chapter exercises bench clean distclean pdf pdf-student slides notebooks notebooks-student lab

help:
	@echo "make book          install the kit (first time) and build the HTML book into _build/html"
	@echo "make test          install the kit (first time) and run the whole test suite"
	@echo "make book-student  build the student edition (no solutions) into _build/student/html"
	@echo "make chapter CH=book/counting/tokens.md   execute one chapter in a fresh kernel and report problems"
	@echo "make test-fast     the test suite without the full book build and the browser checks"
	@echo "make exercises     build the student and instructor notebook editions into exercises/dist/"
	@echo "make notebooks     write every chapter as a notebook to read and run (notebooks/, solutions folded)"
	@echo "make notebooks-student   the same without solutions (notebooks-student/)"
	@echo "make lab           start JupyterLab from the kit's environment (open notebooks/ or exercises/dist/student/)"
	@echo "make bench         run the performance benchmarks"
	@echo "make pdf           the book (solutions printed), every session's handouts and the slides as PDFs in _build/pdf"
	@echo "make pdf-student   the student edition of the book (no solutions) as _build/pdf-student/book.pdf"
	@echo "make slides        only the slides of the one-week module, in _build/pdf/slides"
	@echo "make clean         remove builds and caches (keeps .venv)"
	@echo "make distclean     also remove the virtual environment .venv"

setup: $(STAMP)

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the kit into $(VENV) from $(CONSTRAINTS) (about a minute the first time)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[book,grading,test]"
	$(BIN)/medialit setup --quiet
	@touch $@

book: setup
	@mkdir -p _build
	@if [ "$$(cat _build/.src-hash 2>/dev/null)" != "$(SRC_HASH)" ]; then rm -rf $(CACHE); echo "$(SRC_HASH)" > _build/.src-hash; fi
	$(BIN)/python tools/execute_parallel.py $(CACHE)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo ""
	@echo "The book is at file://$(CURDIR)/_build/html/index.html"

book-student: setup
	@mkdir -p _build
	@if [ "$$(cat _build/.src-hash 2>/dev/null)" != "$(SRC_HASH)" ]; then rm -rf $(CACHE); echo "$(SRC_HASH)" > _build/.src-hash; fi
	$(BIN)/python tools/execute_parallel.py $(CACHE)
	MEDIALIT_EDITION=student $(BIN)/jupyter-book build . $(JB_FLAGS) --path-output _build/student
	@echo "The student edition is at file://$(CURDIR)/_build/student/_build/html/index.html"

# The whole suite: unit, property and doctests of medialit, data manifests, exercise editions and
# grading, a full book build from scratch, the browser checks (when Debian's chromium is present),
# and every exercise graded solved, blank and wrong (tests/test_exercises.py: the instructor edition must run
# without a cell error, a stronger check than nbval on the sources, which CONTRIBUTING.md keeps for one notebook).
# Two workers (pytest-xdist): each test file runs whole on one worker, so its fixtures are built
# once; the book, which several files read, is built once per run and shared (tests/conftest.py).
test: setup
	$(BIN)/python -m pytest tests src/medialit -n 2 --dist loadfile --durations=25

test-fast: setup
	$(BIN)/python -m pytest tests src/medialit -n 2 --dist loadfile -m "not book and not browser and not slow"

chapter: setup
	@test -n "$(CH)" || { echo "Usage: make chapter CH=book/part/chapter.md"; exit 2; }
	$(BIN)/python tools/run_chapter.py $(CH)

exercises: setup
	$(BIN)/medialit assign

notebooks: setup
	$(BIN)/medialit notebooks --out notebooks

notebooks-student: setup
	$(BIN)/medialit notebooks --student --out notebooks-student

lab: setup
	$(BIN)/jupyter lab

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build exercises/dist notebooks notebooks-student .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

# Printable materials, offline: Debian's chromium prints the built HTML (see src/medialit/pdf.py).
pdf: book
	$(BIN)/python -m medialit.pdf --html _build/html --out _build/pdf

pdf-student: book-student
	$(BIN)/python -m medialit.pdf --html _build/student/_build/html --edition student --only book --out _build/pdf-student

slides: setup
	$(BIN)/python -m medialit.pdf --only slides --out _build/pdf
