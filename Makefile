# Every target runs inside .venv (created by `make setup`) with node tools from node_modules/.bin.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.setup-done
BASE   ?= HEAD
LEVEL  ?= all
FORMAT ?= terminal
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: setup demo demo-remote test docs client check-client contract-diff lint bench clean

setup: $(STAMP)

# scripts/check_setup.sh stops with one line naming the fix when Python, Node or the checkout is not fit.
$(STAMP): pyproject.toml package.json package-lock.json
	@scripts/check_setup.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The demo needs Python alone: its own .venv-demo with the package and the local backend's
# extra, none of the dev tools or Node. uv (pinned) installs it when this Python has pip to
# fetch uv with (about 10 s on a fresh machine, against 25 s for a venv with pip); else pip.
DEMO_VENV  := .venv-demo
DEMO_STAMP := $(DEMO_VENV)/.setup-done
UV_VERSION := 0.13.9

$(DEMO_STAMP): pyproject.toml
	@scripts/check_setup.sh python
	rm -rf $(DEMO_VENV)
	python3 -m venv --without-pip $(DEMO_VENV)
	python3 -m pip install --quiet --disable-pip-version-check --target $(DEMO_VENV)/uv uv==$(UV_VERSION) \
	  && $(DEMO_VENV)/uv/bin/uv pip install --quiet --python $(DEMO_VENV)/bin/python -e '.[devserver]' \
	  || { python3 -m venv --clear $(DEMO_VENV) && $(DEMO_VENV)/bin/python -m pip install --quiet -e '.[devserver]'; }
	touch $@

# The demo only ever talks to the local backend it starts (whatever SYNAPSE_* or ~/.synapse say).
demo: $(DEMO_STAMP)
	$(DEMO_VENV)/bin/python scripts/demo.py

# The same examples against another server, which they write to: it asks first (YES=1 does not).
demo-remote: $(DEMO_STAMP)
	$(DEMO_VENV)/bin/python scripts/demo.py --remote "$(URL)" $(if $(YES),--yes)

# The suite also drives Chromium and tmux: installed with apt-get when missing (one line if it cannot).
test: $(STAMP)
	@scripts/ensure_system_packages.sh
	$(PY) -m pytest

# The documentation site (MkDocs Material + mkdocstrings, Redocly for the HTTP reference) into site/.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --site-dir site

client: $(STAMP)
	$(PY) scripts/generate.py

# Regenerate and fail when the committed output differs (CI's drift gate).
check-client: client
	@git diff --exit-code --stat -- generated synapse_sdk/clients/types.py synapse_sdk/devserver/openapi.json \
	  || (echo "make client changed committed files: regenerate and commit" >&2; exit 1)
	@test -z "$$(git status --porcelain --untracked-files=all -- generated)" \
	  || (echo "make client left untracked files in generated/" >&2; exit 1)

contract-diff: $(STAMP)
	$(PY) scripts/contract_diff.py --base $(BASE) --level $(LEVEL) --format $(FORMAT)

lint: $(STAMP)
	$(PY) -m ruff check synapse_sdk synapse_sdk_pytest.py synapse_contract scripts tests benchmarks
	$(PY) -m ruff format --check synapse_sdk synapse_sdk_pytest.py synapse_contract scripts tests benchmarks
	$(PY) -m mypy --strict
	$(PY) -m openapi_spec_validator openapi/openapi.yaml
	spectral lint --fail-severity=warn --ruleset openapi/.spectral.yaml openapi/openapi.yaml

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO_VENV) node_modules site
