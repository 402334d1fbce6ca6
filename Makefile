# Two commands a newcomer needs: `make lab` and `make test` (`make check` is the authors' quick loop). All build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab instructor-lab test check lint release solutions bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## lab: build the environment and open the course in JupyterLab at notebooks/, as students get it (lab/README.md)
lab: $(STAMP)
	JUPYTER_CONFIG_PATH=$(CURDIR)/lab/student $(BIN)/jupyter lab --notebook-dir=notebooks \
		--LabApp.default_url=/lab/tree/start-here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

## instructor-lab: JupyterLab at the repository root with every nbgrader tool (Create Assignment, Formgrader)
instructor-lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(ROOT_FLAG) $(LAB_ARGS)

## test: build the environment (with the grader's sandbox and Chromium for the browser tests) and run every test;
## prints the ten slowest
test: $(STAMP) lint
	bash scripts/install-sandbox.sh
	bash scripts/install-browser.sh
	bash scripts/install-cjk-font.sh
	$(BIN)/python -m pytest --durations=10 $(PYTEST_ARGS)

## check: the course authors' loop after a notebook edit: lint, the utils/check unit tests, nbval of the masters, the
## stale-copy and translation checks, and the pipeline grading one mutant and one correct variant per function (the
## same fixed sample every time) in one grader run for all lectures. It leaves out the tests marked `browser`
## (tests/browser) and `grader` (the grader's own machinery: CLI, interrupts, Dask, sandbox, review, warm kernels,
## bench), which `make test` runs. `make check LECTURE=2.5-derivatives` keeps only that lecture's tests (and those of
## no lecture in particular): the loop after editing one lecture.
check: $(STAMP) lint
	bash scripts/install-sandbox.sh
	$(BIN)/python -m pytest -m "not browser and not grader" --sample-cases --durations=10 \
		$(if $(LECTURE),--lecture $(LECTURE)) $(PYTEST_ARGS)

## lint: ruff and mypy on grader/, utils/, tests/ and bench/ (configured in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check grader utils tests bench
	$(BIN)/mypy

## release: regenerate the student copies in notebooks/ from solutions/
release: $(STAMP)
	$(BIN)/python -m grader release

## solutions: re-execute the master notebooks in place (refreshes nbval's reference outputs)
solutions: $(STAMP)
	$(BIN)/python -m grader execute-solutions

## bench: print notebook execution times, the cost of `import utils`, figure PNG times, and lecture 2.9's propagate/model
## timings
bench: $(STAMP)
	$(BIN)/python bench/notebooks.py
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/propagate.py

clean:
	rm -rf $(VENV) build course .pytest_cache
