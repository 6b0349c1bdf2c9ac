"""Suggestions (maillage.nlp.links.suggestions): the clause-window fallback, kept out of analyses and of
the default export."""
from __future__ import annotations

import pytest

from maillage.graph.export import to_json
from maillage.graph.model import Actor, Evidence, Graph, Link
from maillage.graph.scope import Scope, filter_links

ORG = ["association"]


def test_a_cue_no_reader_places_gives_a_suggestion_with_its_sentence(read):
    text = "Outre Banque Solen, dont le siège a déménagé, l'atelier financera bientôt Collectif Brume."
    found, links = read(text, {"Banque Solen": ["entreprise"], "Collectif Brume": ORG}, suggestions=True)
    assert found == {("Banque Solen", "FUNDS", "Collectif Brume")}
    (evidence,) = links[0].evidence
    assert evidence.method == "suggestion" and evidence.confidence <= 0.4 and evidence.sentence == text


def test_no_suggestion_for_a_pair_a_reader_linked(read):
    found, links = read("Banque Solen finance Collectif Brume.",
                        {"Banque Solen": ["entreprise"], "Collectif Brume": ORG}, suggestions=True)
    assert found == {("Banque Solen", "FUNDS", "Collectif Brume")}
    assert "suggestion" not in {e.method for link in links for e in link.evidence}


def test_no_suggestion_across_a_clause_break(read):
    """Collectif Brume, named most, is the body the text is about: it would stand on the empty side."""
    found, _ = read("Banque Solen ouvre une agence ; l'atelier financera bientôt Collectif Brume. Collectif Brume "
                    "recrute.", {"Banque Solen": ["entreprise"], "Collectif Brume": ORG}, suggestions=True)
    assert found == set()


def test_the_body_the_text_is_about_stands_on_an_empty_side(read):
    text = "Collectif Brume recrute. Collectif Brume déménage. Pour ce projet, l'atelier obtiendra bientôt un " \
           "financement de Banque Solen."
    found, links = read(text, {"Banque Solen": ["entreprise"], "Collectif Brume": ORG}, suggestions=True)
    assert found == {("Banque Solen", "FUNDS", "Collectif Brume")}
    assert {e.method for link in links for e in link.evidence} == {"suggestion"}


def _graph() -> Graph:
    actors = {k: Actor(k, k.upper(), ["association"]) for k in ("a", "b", "c")}
    suggested = Link("a", "FUNDS", "b", [Evidence("d", "A finance B.", 0, 12, "financer", 0.3, "suggestion")])
    mixed = Link("a", "SUPPORTS", "c", [Evidence("d", "A aide C.", 0, 9, "aider", 0.3, "suggestion"),
                                        Evidence("d", "A soutient C.", 20, 33, "soutenir", 0.8, "dependency")])
    return Graph(actors=actors, links={link.key: link for link in (suggested, mixed)})


def test_the_default_export_leaves_suggestions_out_and_the_flag_keeps_them():
    default = to_json(_graph())
    assert [(link["kind"], [e["method"] for e in link["evidence"]]) for link in default["links"]] == [
        ("SUPPORTS", ["dependency"])]
    complete = to_json(_graph(), suggestions=True)
    assert {link["kind"] for link in complete["links"]} == {"FUNDS", "SUPPORTS"}


def test_analyses_never_see_suggestions():
    kept = filter_links(_graph(), Scope())
    assert list(kept) == [("a", "SUPPORTS", "c")]
    assert kept[("a", "SUPPORTS", "c")].methods == {"dependency"}


def test_at_most_three_suggestions_per_stated_link(read):
    names = ["Banque Solen", "Agence Mirvel", "Fonds Ardent", "Atelier Corbin", "Scierie Fabra", "Moulins Arc"]
    text = ("Banque Solen finance Collectif Brume. Outre Agence Mirvel, Fonds Ardent et Atelier Corbin, dont "
            "les sièges ont déménagé, l'atelier financera bientôt Scierie Fabra, Moulins Arc et Collectif Brume.")
    _, links = read(text, {**{n: ["entreprise"] for n in names}, "Collectif Brume": ORG}, suggestions=True)
    suggested = [link for link in links if link.methods == {"suggestion"}]
    assert len(links) - len(suggested) == 1 and 0 < len(suggested) <= 3


def _suggested(links) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in links if link.methods == {"suggestion"}}


def test_a_sentence_after_one_about_the_subject_suggests_the_subject_with_its_actors(read):
    """The subject (named by the title) is referred to in one sentence; the next holds a cue and an actor."""
    text = ("ATELIER CORBIN\n\nL'Atelier Corbin fête ses dix ans. Depuis, de nombreux chantiers ont été financés "
            "grâce aux prêts consentis, entre autres, par la Banque Solen.")
    found, links = read(text, {"Atelier Corbin": ORG, "Banque Solen": ["entreprise"]}, suggestions=True)
    assert ("Banque Solen", "FUNDS", "Atelier Corbin") in found
    (link,) = [link for link in links if link.kind == "FUNDS"]
    assert link.methods == {"suggestion"} and link.confidence <= 0.4
    assert link.evidence[0].sentence.startswith("Depuis")


SECTIONS = [
    # the subject funded by what its "financeurs" section lists, not by what the next section lists
    ("Nos financeurs\n\nBanque Solen · Fonds Ardent\n\nContact\n\nScierie Fabra, 3 rue Haute",
     {"Banque Solen": ["entreprise"], "Fonds Ardent": ["fondation"], "Scierie Fabra": ["entreprise"]},
     {("Banque Solen", "FUNDS", "Atelier Corbin"), ("Fonds Ardent", "FUNDS", "Atelier Corbin")}),
    # under a governance heading and its sub-headings, the members belong to the body the section names
    ("Gouvernance\n\nLe Comité des sages de l'atelier se réunit chaque mois.\n\nCollège des habitants\n"
     "- Lucie Marnier\n- Paul Ribaud",
     {"Comité des sages": ["instance"], "Lucie Marnier": ["personne"], "Paul Ribaud": ["personne"]},
     {("Lucie Marnier", "MEMBER_OF", "Comité des sages"), ("Paul Ribaud", "MEMBER_OF", "Comité des sages")}),
]


@pytest.mark.parametrize("section, actors, expected", SECTIONS)
def test_actors_under_a_section_heading_are_suggested_with_its_body(read, section, actors, expected):
    text = "ATELIER CORBIN\n\nL'Atelier Corbin répare des vélos.\n\n" + section
    found, _ = read(text, {"Atelier Corbin": ORG, **actors}, suggestions=True)
    assert expected <= found
    assert not any("Scierie Fabra" in (s, t) for s, _, t in found)


def test_a_person_is_suggested_as_a_member_of_the_nearest_body_of_the_clause(read):
    text = "Lucie Marnier, chargée de mission à l'Agence Mirvel, présentera le bilan."
    found, _ = read(text, {"Lucie Marnier": ["personne"], "Agence Mirvel": ["agence"]}, suggestions=True)
    assert found == {("Lucie Marnier", "MEMBER_OF", "Agence Mirvel")}


def test_the_cap_keeps_the_most_plausible_suggestions(read):
    """One stated pair leaves room for three suggested pairs: the three of the clause window of "financera"
    come before the pairs that merely share the sentence."""
    names = ["Agence Mirvel", "Fonds Ardent", "Moulins Arc", "Scierie Fabra", "Verreries Dantel"]
    text = ("Collectif Brume finance Verreries Dantel. Pendant que Agence Mirvel déménage, que Fonds Ardent recrute "
            "et que Moulins Arc ferme, l'atelier financera bientôt Scierie Fabra.")
    _, links = read(text, {**{n: ["entreprise"] for n in names}, "Collectif Brume": ORG}, suggestions=True)
    suggested = _suggested(links)
    assert len(suggested) == 3 and all("scierie-fabra" in pair for pair in suggested)


def test_on_a_list_line_a_person_is_affiliated_to_the_body_of_that_line_only(read):
    text = "Membres présents :\n- Lucie Marnier, directrice\n- Paul Ribaud, chargé de mission à l'Agence Mirvel"
    found, _ = read(text, {"Lucie Marnier": ["personne"], "Paul Ribaud": ["personne"], "Agence Mirvel": ["agence"]},
                    suggestions=True)
    assert ("Paul Ribaud", "MEMBER_OF", "Agence Mirvel") in found
    assert ("Lucie Marnier", "MEMBER_OF", "Agence Mirvel") not in found


def test_organisations_of_one_enumeration_are_suggested_as_partners_last(read):
    text = ("Le groupe, composé de Banque Solen, de Fonds Ardent et de Moulins Arc, financera Scierie Fabra. "
            "Collectif Brume finance Verreries Dantel.")
    names = ["Banque Solen", "Fonds Ardent", "Moulins Arc", "Scierie Fabra", "Verreries Dantel", "Collectif Brume"]
    _, links = read(text, {n: ["entreprise"] for n in names}, suggestions=True)
    partners = [link for link in links if link.kind == "PARTNER_OF" and link.methods == {"suggestion"}]
    others = [link for link in links if link.kind != "PARTNER_OF" and link.methods == {"suggestion"}]
    assert partners and all(p.confidence < o.confidence for p in partners for o in others)


def test_a_sentence_without_cue_that_names_the_subject_suggests_it_with_its_actors_last(read):
    text = "ATELIER CORBIN\n\nL'Atelier Corbin et Banque Solen ouvrent un stand au salon de Dijon."
    found, links = read(text, {"Atelier Corbin": ORG, "Banque Solen": ["entreprise"]}, suggestions=True)
    assert {frozenset((s, t)) for s, _, t in found} == {frozenset(("Banque Solen", "Atelier Corbin"))}
    assert all(link.confidence < 0.3 for link in links)
