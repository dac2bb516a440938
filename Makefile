# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: site serve edit test check golden messages bench screenshots clean

# Create the virtual environment and install the pinned dependencies (again when a pin changes).
$(INSTALLED): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(INSTALLED)

site: $(INSTALLED)  ## build the site into output/
	$(PY) build.py

serve: $(INSTALLED)  ## preview on http://127.0.0.1:8000/, rebuilding on every save (Ctrl-C stops)
	$(PY) build.py serve

# The editor's scripts come from npm (package.json, pinned): installed once, like the test tools.
edit: $(INSTALLED) node_modules/decap-cms  ## the preview, with the browser editor at http://127.0.0.1:8000/admin/
	$(PY) build.py serve --edit

node_modules/decap-cms: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

test: $(INSTALLED)  ## run the whole test suite
	$(PY) -m pytest

# The quality gates need Chromium and Java from the system and the npm tools (`npm ci`).
CHECK_FLAGS ?=
check: $(INSTALLED) node_modules/.package-lock.json  ## build, then run every quality gate
	$(PY) build.py check $(CHECK_FLAGS)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

golden: $(INSTALLED)  ## rewrite the expected output of the fixture sites (tiny, dated) after a deliberate change
	$(PY) -m tests.golden

messages: $(INSTALLED)  ## list the templates' UI strings in translations/messages.pot and update each catalog
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 --sort-by-file \
		--project=sitegen -o translations/messages.pot .
	for po in translations/*.po; do \
		code=$$(basename $$po .po); \
		$(VENV)/bin/pybabel -q update --no-fuzzy-matching -i translations/messages.pot -o $$po -l $$code; \
	done

# bench/run installs the peers into bench/.peers/ (once) and writes its table into bench/README.md.
bench: $(INSTALLED)  ## build speed against Pelican and Hugo (3,000 program pages), and preview reload time
	bench/run
	$(PY) -m bench.preview_reload

screenshots: $(INSTALLED)  ## what readers see (each language, phone and screen) and the preview's pictures, in Chromium
	$(PY) docs/make_screenshots.py

clean:
	rm -rf output .output.* .pytest_cache
