# evodesk: `make run` opens the app, `make test` runs the whole suite.
# Both install what they need on a fresh Debian/Ubuntu machine (system packages via apt).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

RUN_DEBS := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
	libxcb-xinerama0 libxcb-xkb1 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
	fonts-noto-color-emoji
TEST_DEBS := $(RUN_DEBS) xvfb xauth trayer gnome-keyring dbus dbus-x11 postgresql x11-utils \
	imagemagick

TRANSLATIONS := $(wildcard resources/i18n/*.ts)
COMPILED := $(TRANSLATIONS:.ts=.qm)

.PHONY: run test sandbox bench lint typecheck screenshots clean system-run system-test

run: system-run $(VENV)/.installed-run $(COMPILED)
	$(PY) -m evodesk

test: system-test $(VENV)/.installed-test $(COMPILED)
	dbus-run-session -- $(PY) -m pytest

sandbox: $(VENV)/.installed-run
	$(PY) -m evodesk sandbox

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check evodesk tests bench

typecheck: $(VENV)/.installed-test
	$(PY) -m mypy evodesk/domain evodesk/infra evodesk/services

bench: $(VENV)/.installed-test
	for b in bench/*.py; do $(PY) $$b || exit 1; done

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[sandbox]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

%.qm: %.ts | $(VENV)/.installed-run
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# Installs the Debian packages that are missing; root uses apt-get, others sudo.
define ensure_debs
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:" $$missing; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run:
	$(call ensure_debs,$(RUN_DEBS))

system-test:
	$(call ensure_debs,$(TEST_DEBS))

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache $(COMPILED)
