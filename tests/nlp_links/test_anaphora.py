"""Bodies designated without their name: "cette agence", and holders named in a copula's predicate."""
from __future__ import annotations

PAYS = ["collectivite"]


def test_a_demonstrative_designates_the_last_body_of_its_kind(read):
    found, _ = read("L'Agence Essor travaille avec la Ville de Dole. "
                    "Les adhérents de cette agence sont, entre autres, "
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


def test_a_council_of_the_designated_body_is_part_of_the_last_one_named(read):
    found, _ = read("Le Pays des Sources anime le territoire. La Ville de Dole y adhère. "
                    "Le Conseil de développement du Pays se réunit chaque mois.",
                    {"Pays des Sources": PAYS, "Ville de Dole": PAYS,
                     "Conseil de développement du Pays": ["instance"]}, suggestions=True)
    assert ("Conseil de développement du Pays", "PART_OF", "Pays des Sources") in found
    assert not any(t == "Ville de Dole" for _, k, t in found if k == "PART_OF")
    stated, _ = read("Le Pays des Sources anime le territoire. Le Conseil de développement du Pays se réunit.",
                     {"Pays des Sources": PAYS, "Conseil de développement du Pays": ["instance"]})
    assert not any(k == "PART_OF" for _, k, _ in stated)  # a guessed whole is only suggested


def test_a_council_of_an_undesignated_body_stays_alone(read):
    found, _ = read("Le Pays des Sources anime le territoire. Le Conseil de développement local se réunit.",
                    {"Pays des Sources": PAYS, "Conseil de développement local": ["instance"]})
    assert found == set()


def test_an_anaphor_completed_by_a_name_gives_way_to_the_name(nlp):
    from spacy.tokens import Doc, Span

    from maillage.graph.model import Actor
    from maillage.nlp.links import extract_links

    for name in ("actor_key", "confidence"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)
    doc = nlp("Le Centre Plast est membre du pôle « Bois Vivant ».")
    doc._.actors = {"plast": Actor("plast", "Centre Plast", ["recherche_formation"]),
                    "bois": Actor("bois", "Bois Vivant", ["cluster"])}
    plast, anaphor, name = Span(doc, 1, 3), Span(doc, 6, 7), Span(doc, 8, 10)
    plast._.actor_key, anaphor._.actor_key, name._.actor_key = "plast", "plast", "bois"
    anaphor._.confidence = 0.6  # the actor component took "pôle" for the last cluster-like body named
    doc.spans["actors"] = [plast, anaphor, name]
    assert {(l.source, l.kind, l.target) for l in extract_links(doc, document="d")} == {("plast", "MEMBER_OF", "bois")}


def test_a_capitalised_designator_the_actor_component_left_designates_the_last_body_of_its_kind(read):
    found, _ = read("Le Cluster Bois Vivant fédère 40 firmes. La Ville de Dole a adhéré au Cluster en 2019.",
                    {"Cluster Bois Vivant": ["cluster"], "Ville de Dole": PAYS})
    assert found == {("Ville de Dole", "MEMBER_OF", "Cluster Bois Vivant")}


def test_a_lower_case_designator_is_generic(read):
    found, _ = read("Le Cluster Bois Vivant fédère 40 firmes. La Ville de Dole a adhéré au cluster régional.",
                    {"Cluster Bois Vivant": ["cluster"], "Ville de Dole": PAYS})
    assert found == set()


def test_a_thing_said_to_be_for_a_body_makes_that_body_the_one_funded(read):
    found, _ = read("La réunion présentera le schéma énergie pour la Communauté de communes du Lac. "
                    "Ce schéma énergie sera soutenu par un financement de la Fondation Horizon.",
                    {"Communauté de communes du Lac": PAYS, "Fondation Horizon": ["fondation"]})
    assert found == {("Fondation Horizon", "FUNDS", "Communauté de communes du Lac")}


def test_a_thing_owned_by_nobody_named_gives_no_funded_body(read):
    found, _ = read("La Communauté de communes du Lac présente un bilan. "
                    "Ce schéma énergie sera soutenu par un financement de la Fondation Horizon.",
                    {"Communauté de communes du Lac": PAYS, "Fondation Horizon": ["fondation"]})
    assert found == set()


def test_le_pays_in_a_cue_complement_is_the_last_body_named_pays(read):
    found, _ = read("Le Pays des Sources anime la filière. La Ville de Dole organise un salon. "
                    "L'Agence Essor travaille en partenariat avec le Pays sur ce salon.",
                    {"Pays des Sources": PAYS, "Ville de Dole": PAYS, "Agence Essor": ["agence"]})
    assert {tuple(sorted((s, t))) for s, k, t in found if k == "PARTNER_OF"} == {("Agence Essor", "Pays des Sources")}
