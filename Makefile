# make demo : installe tout puis construit la base de démonstration et ouvre le tableau de bord.
# make test : installe tout (Chromium de Debian compris) puis lance les tests.
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test chromium bench eval clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Debian's Chromium for the end-to-end tests (never `playwright install`).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

demo: $(STAMP)
	$(VENV)/bin/maillage demo

test: $(STAMP) chromium
	$(PY) -m pytest -q

eval: $(STAMP)
	$(PY) scripts/evaluate.py

bench: $(STAMP)
	$(PY) bench/bench_import.py
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_analyses.py

clean:
	rm -rf $(VENV) maillage-data
