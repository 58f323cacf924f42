# gamemodels: two commands do all the set-up on a fresh machine.
#   make demo   creates .venv if missing, installs, runs the main job (writes under runs/)
#   make test   creates .venv if missing, installs with dev extras, checks and tests everything
#
# PyTorch: TORCH picks the wheel. The default, torch==2.13.0, is a CPU build on machines that
# carry it locally and the CUDA build from PyPI on Linux GPU machines. For a CPU-only build
# elsewhere: make demo TORCH_INDEX=https://download.pytorch.org/whl/cpu
PY          ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
TORCH       ?= torch==2.13.0
TORCH_INDEX ?=
# nbdev-test runs notebooks in parallel; each gets one torch thread so 2 cores are not oversubscribed.
TEST_WORKERS ?= 2

.PHONY: demo test install install-dev clean-check export-check nbtest pytest lint chromium

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.torch: | $(BIN)/python
	$(BIN)/python -m pip install -q $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX) --extra-index-url https://pypi.org/simple) "$(TORCH)"
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.torch
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/gamemodels demo

# The notebooks are the source: nbdev-clean must leave them unchanged, and nbdev-export must
# leave the package unchanged. Compare checksums so uncommitted work is judged fairly too.
clean-check: $(VENV)/.installed-dev
	@find nbs tutorials -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort | xargs -r md5sum > $(VENV)/.nb.before
	$(BIN)/nbdev-clean
	if [ -d tutorials ]; then $(BIN)/nbdev-clean --fname tutorials; fi
	@find nbs tutorials -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort | xargs -r md5sum > $(VENV)/.nb.after
	@diff $(VENV)/.nb.before $(VENV)/.nb.after || (echo "nbdev-clean changed the notebooks above: run nbdev-clean and commit" && exit 1)

export-check: $(VENV)/.installed-dev
	@find gamemodels -name '*.py' | sort | xargs -r md5sum > $(VENV)/.py.before
	$(BIN)/nbdev-export
	@find gamemodels -name '*.py' | sort | xargs -r md5sum > $(VENV)/.py.after
	@diff $(VENV)/.py.before $(VENV)/.py.after || (echo "nbdev-export changed the package: the notebooks and gamemodels/ differ; export and commit" && exit 1)

nbtest: $(VENV)/.installed-dev
	GAMEMODELS_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/nbdev-test --n-workers $(TEST_WORKERS) --timing
	if ls tutorials/*.ipynb >/dev/null 2>&1; then GAMEMODELS_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/nbdev-test tutorials --n-workers $(TEST_WORKERS) --timing; fi

# The browser test drives Debian's chromium through Playwright (Playwright cannot download its own
# browser here). Installed when missing and running as root (CI); otherwise the test is skipped.
chromium:
	@[ -x /usr/bin/chromium ] || { if [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing (apt-get install -y chromium as root): the browser test will be skipped"; fi; }

pytest: $(VENV)/.installed-dev chromium
	$(BIN)/python -m pytest -q tests

test: clean-check export-check nbtest pytest
