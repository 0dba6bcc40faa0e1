# Pykälä: `make run` opens the program with an example draft; `make test` runs the suite.
# Both set up everything they need: a .venv with the Python packages and, as root, the
# Debian packages (otherwise they print the apt-get line to run).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXAMPLE := resources/examples/kh-2021-05-03-s333.pykala

# Qt without a screen (tests, screenshots) and with one (the window).
DEBS_QT := libglib2.0-0 libdbus-1-3 libxkbcommon0 libfontconfig1 libfreetype6 libx11-6 \
	libgl1 libegl1
DEBS_QT_X := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 xvfb xauth
# DOCX → PDF (python3-uno keeps one LibreOffice warm for the preview), the fonts the layout
# is measured with (Arial's metrics: Liberation Sans), Swedish hyphenation (Finnish ships with
# the program: resources/hyphenation), and pdftotext/pdftoppm for the tests.
DEBS_PDF := libreoffice-writer-nogui python3-uno fonts-liberation fonts-crosextra-carlito \
	fonts-dejavu-core hyphen-sv poppler-utils
# The tests also install Voikko's LibreOffice extension, which many Finnish users have: with it
# soffice aborts under an activated virtualenv unless started as pdf.soffice_env does, and it
# must not take Finnish hyphenation over from ours. Both are tested.
DEBS_PDF_TEST := libreoffice-voikko
# Printing: the PDF goes to the system's print queue (CUPS's lp). The tests run a private
# CUPS scheduler whose queues are CUPS's generic PDF printer (cups-filters) on a file.
DEBS_PRINT := cups-client
DEBS_PRINT_TEST := cups-daemon cups-client cups-filters cups-filters-core-drivers
# The web version's accessibility check: axe-core (npm, see `axe` below) in headless Chromium.
DEBS_WEB_TEST := chromium
AXE_VERSION := 4.10.3
AXE := .cache/axe/node_modules/axe-core/axe.min.js
# Spelling as you type (drafting/spelling.py): Enchant with its Voikko provider for Finnish
# and its Hunspell provider with the Swedish dictionary; libvoikko1 for Finnish grammar.
DEBS_SPELL := libenchant-2-2 libenchant-2-voikko libvoikko1 voikko-fi hunspell-sv
# Signing the minutes (drafting.signing): smart cards through OpenSC's PKCS#11 module; the
# tests sign with a SoftHSM2 token they make (tests/signing/pki.py).
DEBS_SIGN := opensc-pkcs11
DEBS_SIGN_TEST := softhsm2
DEBS_VENV := $(shell $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || echo python3-venv)

# Installing for the current user (launcher, icon, file type) needs the freedesktop tools;
# the tests install into a temporary folder, validate the entry and ask gio for file types.
DEBS_DESKTOP := xdg-utils shared-mime-info
DEBS_DESKTOP_TEST := $(DEBS_DESKTOP) desktop-file-utils libglib2.0-bin

# The one version (drafting/__init__.py) names the bundle.
VERSION := $(shell sed -n 's/^__version__ = "\([^"]*\)".*/\1/p' drafting/__init__.py)
BUNDLE := build/bundle/pykala-$(VERSION)
BUNDLE_INPUTS := main.py pyproject.toml $(shell find drafting ui resources templates/docx -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: run test test-fast check debs-run debs-test venv venv-test axe template catalogs clean \
	install-desktop uninstall-desktop bundle bundle-check

run: debs-run venv
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = Linux ]; then \
		echo "No display here: starting Pykälä on a virtual screen (xvfb-run); Ctrl+C ends it."; \
		xvfb-run -a $(PY) main.py $(EXAMPLE); \
	else \
		$(PY) main.py $(EXAMPLE); \
	fi

# The whole suite in two runs, one coverage figure: the tests that need no LibreOffice, CUPS
# or Chromium and start no child process on both cores (pytest-xdist, a file's tests in one
# worker, in order), then the rest one after another (they share one warm LibreOffice, one
# private CUPS scheduler). Each test runs exactly once.
LIGHT := not libreoffice and not cups and not chromium and not slow
test: debs-test venv-test check axe
	$(PY) -m pytest -q -m "$(LIGHT)" -n 2 --dist loadfile --cov --cov-report= --cov-fail-under=0
	$(PY) -m pytest -m "not ($(LIGHT))" --cov --cov-append --cov-report=term
	$(MAKE) bundle-check

# The rules checked by machine, before any test: lint, formatting, types (drafting/ and ui/,
# [tool.mypy]) and the import layers ([tool.importlinter]). Seconds; no Debian packages.
check: venv-test
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# While working: every test that needs no LibreOffice, CUPS or Chromium (their markers; a test
# not marked `libreoffice` finds none, see tests/conftest.py) and starts no child process of
# its own (`slow`), the property tests with a tenth of their examples (tests/support/
# hypothesis_profiles.py), on every core (pytest-xdist; a file's tests in one worker, in
# order). No Debian packages needed; `make test` runs them all, one after another.
test-fast: venv-test
	$(PY) -m pytest -q -m "$(LIGHT)" --hypothesis-profile=fast -n auto --dist loadfile

debs-run:
	@$(call ensure_debs,$(DEBS_VENV) $(DEBS_QT) $(DEBS_QT_X) $(DEBS_PDF) $(DEBS_PRINT) $(DEBS_SPELL) \
		$(DEBS_SIGN))

debs-test:
	@$(call ensure_debs,$(DEBS_VENV) $(DEBS_QT) $(DEBS_QT_X) $(DEBS_PDF) $(DEBS_PDF_TEST) \
		$(DEBS_PRINT_TEST) \
		$(DEBS_WEB_TEST) $(DEBS_SPELL) $(DEBS_DESKTOP_TEST) $(DEBS_SIGN) $(DEBS_SIGN_TEST))

# The launcher, icon and file type for the current user (~/.local/share), starting this
# checkout's .venv; `uninstall-desktop` takes them away again.
install-desktop: venv
	@$(call ensure_debs,$(DEBS_DESKTOP))
	$(PY) -m drafting.desktop install

uninstall-desktop:
	$(PY) -m drafting.desktop uninstall

# The self-contained folder (PyInstaller, resources/bundle/pykala.spec): $(BUNDLE)/pykala
# runs anywhere with no checkout and no venv. Rebuilt only when its inputs changed.
bundle: $(BUNDLE)/pykala
$(VENV)/.bundle-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e ".[test,bundle]"
	touch $@
$(BUNDLE)/pykala: $(VENV)/.bundle-installed $(CATALOGS) $(BUNDLE_INPUTS)
	@start=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/bundle \
		--workpath build/pyinstaller resources/bundle/pykala.spec && \
	echo "Bundle built in $$(( $$(date +%s) - start )) s: $$(du -sh $(BUNDLE) | cut -f1) $(BUNDLE)"
	touch $@

# The bundle, copied to an empty folder, renders the example and opens its window (CI).
bundle-check: bundle
	$(PY) tests/support/bundle_check.py $(BUNDLE)

# axe-core, pinned, into a git-ignored folder; fetched once (npm comes with Debian's npm
# package, or with a Node.js that bundles it).
axe: $(AXE)
$(AXE):
	@if ! command -v npm >/dev/null 2>&1; then $(call ensure_debs,npm); fi
	rm -rf .cache/axe
	npm install --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION)
	@test -f $@ && touch $@

# Installs what is missing when run as root; otherwise prints the exact command.
define ensure_debs
if ! command -v dpkg-query >/dev/null 2>&1; then \
	echo "Not a Debian system: make sure LibreOffice and poppler-utils are installed."; \
	exit 0; \
fi; \
missing=""; \
for p in $(1); do \
	dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "These Debian packages are missing. Install them as root, then run make again:"; \
		echo "  apt-get update && apt-get install -y --no-install-recommends$$missing"; \
		exit 1; \
	fi; \
fi
endef

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

# The interface translations: .po sources in the repo, .mo built here.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard resources/locale/*/LC_MESSAGES/pykala.po))
%.mo: %.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -D pykala -i $< -o $@

venv: $(VENV)/.installed $(CATALOGS)
venv-test: $(VENV)/.installed $(CATALOGS)

# After changing interface strings: refresh the template and both catalogs.
catalogs: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -k _ -k ngettext:1,2 --no-location --sort-output \
		--project=Pykälä -w 100 -o resources/locale/pykala.pot drafting ui
	$(VENV)/bin/pybabel update --ignore-obsolete -w 100 -D pykala -i resources/locale/pykala.pot -d resources/locale

# Rebuild the Word template from its script (tests check the committed one matches).
template: venv
	$(PY) templates/docx/build_templates.py

clean:
	rm -rf $(VENV) build .cache .pytest_cache .hypothesis .mypy_cache .import_linter_cache
