"""Bodies designated without their name: "cette agence", and holders named in a copula's predicate."""
from __future__ import annotations

PAYS = ["collectivite"]


def test_a_demonstrative_designates_the_last_body_of_its_kind(read):
    found, _ = read("L'Agence Essor travaille avec la Ville de Dole. Les adhérents de cette agence sont, entre autres, "
                    "des firmes locales et des réseaux (Club Alpha, Réseau Beta).",
                    {"Agence Essor": ["agence"], "Ville de Dole": PAYS, "Club Alpha": ["reseau_entreprises"],
                     "Réseau Beta": ["association"]})
    assert {("Club Alpha", "MEMBER_OF", "Agence Essor"), ("Réseau Beta", "MEMBER_OF", "Agence Essor")} <= found
    assert not any(t == "Ville de Dole" and k == "MEMBER_OF" for _, k, t in found)


def test_a_demonstrative_of_another_kind_designates_nothing(read):
    found, _ = read("La Ville de Dole organise un salon. Les adhérents de cette agence sont le Club Alpha et "
                    "le Réseau Beta.",
                    {"Ville de Dole": PAYS, "Club Alpha": ["reseau_entreprises"], "Réseau Beta": ["association"]})
    assert found == set()


def test_the_demonstrative_link_is_less_sure_than_a_named_one(read):
    _, links = read("L'Agence Essor ouvre. Le Club Alpha est membre de cette agence.",
                    {"Agence Essor": ["agence"], "Club Alpha": ["reseau_entreprises"]})
    (link,) = links
    assert link.kind == "MEMBER_OF"
    assert link.confidence < 0.6
