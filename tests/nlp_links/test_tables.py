"""Links a table states by its header (maillage.nlp.links.tables)."""
from __future__ import annotations

BODY = ["association"]
FIRM = ["entreprise"]


def test_a_column_of_partners_links_each_to_the_head_of_its_row(read):
    text = ("Porteur | Partenaires associés | Projet\n"
            "Atelier Varnel | Coopérative Bellerive ; Dorvelle | Presse à balles\n"
            "Maison Orvalle | Tanvère Industries | Compostage\n")
    found, _ = read(text, {n: FIRM for n in ("Atelier Varnel", "Coopérative Bellerive", "Dorvelle",
                                              "Maison Orvalle", "Tanvère Industries")})
    pairs = {frozenset((s, t)) for s, k, t in found if k == "PARTNER_OF"}
    assert {frozenset(("Atelier Varnel", "Coopérative Bellerive")), frozenset(("Atelier Varnel", "Dorvelle")),
            frozenset(("Maison Orvalle", "Tanvère Industries"))} <= pairs
    assert frozenset(("Dorvelle", "Maison Orvalle")) not in pairs


def test_a_first_column_of_beneficiaries_is_funded_by_the_body_the_document_is_about(read):
    text = ("Fonds Vermelle\nRapport des aides 2024\n\n"
            "Bénéficiaire | Objet | Montant\n"
            "Atelier Varnel | achat d'une presse | 12 000 €\n"
            "Dorvelle | étude de marché | 7 500 €\n")
    found, _ = read(text, {"Fonds Vermelle": ["fondation"], "Atelier Varnel": FIRM, "Dorvelle": BODY},
                    suggestions=True)
    assert ("Fonds Vermelle", "FUNDS", "Atelier Varnel") in found and ("Fonds Vermelle", "FUNDS", "Dorvelle") in found


def test_a_table_whose_header_names_no_relation_links_nothing(read):
    text = ("Entreprise | Ville | Effectif\n"
            "Atelier Varnel | Lorvan | 12\n"
            "Dorvelle | Brécy | 40\n")
    found, _ = read(text, {"Atelier Varnel": FIRM, "Dorvelle": FIRM})
    assert not found
