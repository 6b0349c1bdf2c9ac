# make demo : installe tout puis construit la base de démonstration et ouvre le tableau de bord
#             (make demo PORT=8502 pour un autre port).
# make test : installe tout (Chromium de Debian compris) puis lance les tests.
# make lock : recalcule requirements.lock après un changement des dépendances de pyproject.toml
#             (garde les versions déjà verrouillées ; make lock UPGRADE=1 les remonte toutes).
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCK  := requirements.lock
PORT  ?= 8501

.PHONY: demo test chromium bench eval lock clean

# Every version comes from the lock: the one that passed the tests.
$(STAMP): pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c $(LOCK) -e '.[test]'
	touch $(STAMP)

# Debian's Chromium for the end-to-end tests (never `playwright install`); apt-get needs root, or sudo.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "Installation de Chromium (Debian) avec $${SUDO:-apt-get en root}…"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

demo: $(STAMP)
	$(VENV)/bin/maillage demo --port $(PORT)

test: $(STAMP) chromium
	$(PY) -m pytest -q

# uv resolves pyproject.toml (with the test extra) for Python 3.11; existing pins are kept unless UPGRADE=1.
lock:
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q 'uv>=0.5'
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet \
	  --custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade) -o $(LOCK)

eval: $(STAMP)
	$(PY) scripts/evaluate.py

bench: $(STAMP)
	$(PY) bench/bench_import.py
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_analyses.py

clean:
	rm -rf $(VENV) maillage-data
