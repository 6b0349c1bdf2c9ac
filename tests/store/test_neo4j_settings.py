"""Opening the Neo4j store without a reachable server gives one French line (no server needed)."""
from __future__ import annotations

import pytest

from maillage.errors import InputError, MaillageError
from maillage.graph.stores import open_store


def test_neo4j_needs_its_uri(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(InputError, match="NEO4J_URI n'est pas défini"):
        open_store("neo4j", "inutilisé")


@pytest.mark.parametrize("uri, cause", [("bolt://127.0.0.1:1", "ServiceUnavailable"),
                                        ("pas-une-adresse", "ConfigurationError")])
def test_an_unreachable_server_is_one_french_line(monkeypatch, uri, cause):
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    with pytest.raises(MaillageError) as caught:
        open_store("neo4j", "inutilisé")
    assert str(caught.value) == (f"serveur Neo4j injoignable à {uri} ({cause}) : "
                                 "vérifiez NEO4J_URI, NEO4J_USER et NEO4J_PASSWORD")
