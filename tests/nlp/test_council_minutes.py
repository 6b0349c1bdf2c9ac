"""Council minutes: the authority named by the letterhead, its assembly, attendance labels and the
decisions the assembly takes for the authority (maillage.nlp.governance, .links.rosters, .links)."""

MINUTES = ("COMMUNE DE SAINT-ORBAN\n"
           "Procès-verbal de la séance du conseil municipal du 3 mars 2025\n\n"
           "Président de séance : M. Paul VERNET, maire.\n"
           "Présents : Mme Anne DURIEUX, M. Paul VERNET, Mme Julie MALVOISIN.\n"
           "Excusé : M. Marc LEBON (pouvoir à Mme DURIEUX).\n\n"
           "Le conseil municipal approuve la convention avec l'association Orban Loisirs. Il décide de lui "
           "attribuer une subvention de 4 000 €.\n")


def _links(document_links, text):
    batch, links = document_links(text)
    return {a.id: a.name for a in batch.actors}, links


def test_the_letterhead_names_the_authority_whose_assembly_meets(document_links):
    names, links = _links(document_links, MINUTES)
    authority = next(n for n in names.values() if n.lower() == "commune de saint-orban")
    council = next(n for n in names.values() if n.lower().startswith("conseil municipal"))
    assert (council, "PART_OF", authority) in links


def test_everyone_on_an_attendance_line_sits_on_the_assembly_and_the_chair_governs_it(document_links):
    names, links = _links(document_links, MINUTES)
    council = next(n for n in names.values() if n.lower().startswith("conseil municipal"))
    assert {s for s, k, t in links if k == "MEMBER_OF" and t == council} == {
        "Anne DURIEUX", "Julie MALVOISIN", "Marc LEBON"}
    assert ("Paul VERNET", "GOVERNS", council) in links


def test_what_the_assembly_signs_the_authority_signs(document_links):
    names, links = _links(document_links, MINUTES)
    authority = next(n for n in names.values() if n.lower() == "commune de saint-orban")
    assert (authority, "PARTNER_OF", "Orban Loisirs") in links or ("Orban Loisirs", "PARTNER_OF", authority) in links
    assert not any(s.lower().startswith("conseil") and k == "PARTNER_OF" for s, k, t in links)


def test_the_room_of_the_council_names_no_body(actors_of):
    found = actors_of("Les membres de l'association Orban Loisirs tiennent leur assemblée générale annuelle "
                      "dans la salle du conseil municipal de la mairie.\n")
    assert not any(name.lower().startswith("conseil municipal") for name in found)


def test_a_grant_awarded_to_a_body_is_funding(document_links):
    names, links = _links(document_links, "La Fondation Velmaur a attribué 12 000 € à l'association Jardins d'Orban en 2024.")
    assert ("Fondation Velmaur", "FUNDS", "Jardins d'Orban") in links


def test_a_councillor_designated_to_represent_the_authority_sits_in_the_body_named_after(document_links):
    names, links = _links(document_links, "COMMUNE DE SAINT-ORBAN\n\nLe conseil désigne M. Paul VERNET pour représenter "
                                     "la commune au conseil d'administration de l'Agence de développement du Val "
                                     "d'Orne. Il désigne Mme Julie MALVOISIN pour siéger au comité de programmation "
                                     "du GAL Orne Bocage.\n")
    assert ("Paul VERNET", "MEMBER_OF", "Agence de développement du Val d'Orne") in links
    assert any(s == "Julie MALVOISIN" and k == "MEMBER_OF" and t.lower().startswith("comité de programmation")
               for s, k, t in links)


def test_an_office_said_alone_is_held_in_the_authority_of_the_minutes(document_links):
    names, links = _links(document_links, "COMMUNE DE SAINT-ORBAN\nProcès-verbal de la séance du conseil municipal\n\n"
                                     "Rapporteur : Mme Anne DURIEUX, adjointe chargée des finances.\n\n"
                                     "M. Paul VERNET, maire, ouvre la séance.\n")
    authority = next(n for n in names.values() if n.lower() == "commune de saint-orban")
    assert ("Anne DURIEUX", "MEMBER_OF", authority) in links
    assert ("Paul VERNET", "GOVERNS", authority) in links


def test_the_comite_syndical_is_the_syndicat_not_the_commune_of_the_minutes(document_links):
    text = ("COMMUNE DE SAINT-ORBAN\nProcès-verbal de la séance du conseil municipal du 3 mars 2025\n\n"
            "La commune adhère au Syndicat mixte du Val de Lorze. Sont désignés pour siéger au comité syndical : "
            "M. Paul VERNET et Mme Anne DURIEUX.\n")
    batch, links = document_links(text)
    names = {a.name for a in batch.actors}
    assert not any(name.lower().startswith("comité syndical de commune") for name in names)
    syndicat = next(a for a in batch.actors if a.name == "Syndicat mixte du Val de Lorze")
    assert "comité syndical" in syndicat.aliases and syndicat.kinds[0] == "collectivite"
    assert ("Paul VERNET", "MEMBER_OF", "Syndicat mixte du Val de Lorze") in links


def test_a_comite_syndical_without_a_syndicat_named_is_no_one(actors_of):
    found = actors_of("COMMUNE DE SAINT-ORBAN\n\nLe comité syndical a voté le budget.")
    assert not any(name.lower().startswith("comité syndical") for name in found)
