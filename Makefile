# Two commands do everything on a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
QT_LIBS := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
           libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
           libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core

.PHONY: run test bench bundle self-test-bundle clean system-deps yserver bench-peers

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,package]"
	touch $(STAMP)

# Qt's shared libraries (and Debian's python3-venv when venv cannot bootstrap pip):
# installed with apt-get when missing and we are allowed to.
system-deps:
	@missing=$$(for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  $(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || echo python3-venv); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ($$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing) >/dev/null || \
	  echo "warning: could not install $$missing; install them with apt-get"; \
	fi

run: $(STAMP)
	$(PY) -m app

# The reference y-websocket server (npm, pinned by its lock file) for the live-session interop
# test; without npm that one test is skipped.
yserver:
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/live/yserver/node_modules ]; then \
	  (cd tests/live/yserver && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || \
	  echo "warning: could not install the reference y-websocket server; its test will be skipped"; \
	fi

test: $(STAMP) yserver
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP) bench-peers
	QT_QPA_PLATFORM=offscreen $(PY) tests/perf/run_all.py

# The peers `make bench` runs side by side with ours: Graphviz `dot` and GNU time (apt-get), and
# the official Argdown command line (npm, pinned by tests/perf/peers/package-lock.json).
# Without them the comparisons they serve are skipped and say so.
bench-peers:
	@missing=$$(command -v dot >/dev/null || echo graphviz; [ -x /usr/bin/time ] || echo time); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ($$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing) >/dev/null || \
	  echo "warning: could not install $$missing"; \
	fi
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/perf/peers/node_modules ]; then \
	  (cd tests/perf/peers && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || \
	  echo "warning: could not install the official Argdown CLI; its comparison will be skipped"; \
	fi

# The desktop bundle (one folder) in dist/reasonmap; PyInstaller's work files go to /tmp,
# never into the tracked build/ folder.
bundle: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	    --workpath "$${TMPDIR:-/tmp}/reasonmap-pyi-work" --distpath dist build/reasonmap.spec
	@du -sh dist/reasonmap

self-test-bundle: bundle
	QT_QPA_PLATFORM=offscreen dist/reasonmap/reasonmap --self-test

clean:
	rm -rf $(VENV) dist
