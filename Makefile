# Two commands do all set-up on a fresh Debian/Ubuntu machine with Python 3.11:
#   make run    - create .venv, install requirements, start the dashboard on http://localhost:8501
#   make test   - create .venv, install requirements + test tools and Debian Chromium, run every test
# Chromium (for chart export and the browser tests) comes from Debian's package, never a download.

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint messages lock validate bench chromium clean

$(VENV)/.runtime: requirements.lock
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "Installing Debian's python3.11-venv"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (chart export and browser tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: $(VENV)/.runtime chromium
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

test: lint chromium
	$(PY) -m pytest

# ruff, the type checker and the message catalogs: the shape of the house, checked.
lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) scripts/check_messages.py

# Extract the message keys used in the code to locale/dashboard.pot and check every catalog.
messages: $(VENV)/.runtime
	$(PY) scripts/check_messages.py

# Re-resolve the pinned dependency tree (requirements*.txt -> requirements*.lock, with hashes).
lock: $(VENV)/.dev
	$(PY) -m uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.txt -o requirements.lock
	$(PY) -m uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.txt requirements-dev.txt -o requirements-dev.lock

validate: $(VENV)/.runtime
	$(PY) -m data validate

bench: $(VENV)/.runtime
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
