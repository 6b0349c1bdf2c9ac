from maillage.nlp.repair import repair


def test_ocr_confusions_are_repaired():
    text = "I'agence et le Pdle d'équilibre ; la CCl de Brest ; 0ZON ; Ecole ; identifi¢."
    assert repair(text).text == "l'agence et le Pôle d'équilibre ; la CCI de Brest ; OZON ; École ; identifié."


def test_offsets_point_to_the_original_damaged_span():
    text = "Une réunion de travail a eu lieu à la CCl de\nBrest avec I’'association."
    repaired = repair(text)
    start = repaired.text.index("CCI de Brest")
    a, b = repaired.original_span(start, start + len("CCI de Brest"))
    assert text[a:b] == "CCl de\nBrest"
    start = repaired.text.index("l'association")
    a, b = repaired.original_span(start, start + len("l'association"))
    assert text[a:b] == "I’'association"


def test_hyphenation_at_line_end_and_compound_names():
    repaired = repair("La commu-\nnauté du Puisaye-\nForterre finance le projet.")
    assert "communauté du Puisaye-Forterre" in repaired.text
    start = repaired.text.index("communauté")
    a, b = repaired.original_span(start, start + len("communauté"))
    assert "La commu-\nnauté du"[a:b] == "commu-\nnauté"


def test_page_numbers_ligatures_and_mojibake():
    text = "Le ﬁnancement de la région.\n\n12\n\nLa crÃ©ation dâ€™entreprises."
    repaired = repair(text).text
    assert "financement" in repaired
    assert "\n12\n" not in repaired
    assert "création" in repaired and "Ã" not in repaired


def test_wrapped_lines_are_joined_but_paragraphs_kept():
    text = ("Le Pays porte depuis longtemps une stratégie économique avec la\n"
            "Région et les intercommunalités.\n\nTitre\nAutre paragraphe.")
    repaired = repair(text).text
    assert "avec la Région" in repaired
    assert "\n\nTitre\nAutre" in repaired


def test_clean_text_is_unchanged():
    text = "La Région Bretagne finance l'Agence de développement."
    repaired = repair(text)
    assert repaired.text == text
    assert repaired.original_span(3, 9) == (3, 9)


def test_rows_of_a_tab_separated_table_stay_apart():
    text = ("Statut\tCoopérative d'intérêt collectif de la vallée\nSiège\tBourg-les-Aulnes\n"
            "Une phrase assez longue qui se poursuit sur la ligne\nSuivante avec une majuscule.")
    repaired = repair(text).text
    assert "vallée\nSiège\tBourg" in repaired
    assert "ligne Suivante" in repaired


def test_rows_of_a_pipe_separated_table_stay_apart():
    text = ("Lauréat | Objet du soutien | Montant accordé\nAtelier Varnel | achat d'une presse à balles | 12 000 €\n"
            "Coopérative Bellerive | poste de coordination | 9 000 €")
    repaired = repair(text).text
    assert "Montant accordé\nAtelier Varnel" in repaired and "12 000 €\nCoopérative Bellerive" in repaired


def test_a_heading_after_the_last_item_of_a_list_stays_on_its_line():
    """Web pages come one block a line: the heading after a list is no rest of its last item."""
    text = ("Membres fondateurs\n- Atelier Corvelle\n- Fondation Marbois Entraide des Vallées\nNos soutiens\n"
            "La Région finance le réseau.\n- Communauté de communes du Val de\nMorsange et de Lirac\n")
    repaired = repair(text).text
    assert "- Fondation Marbois Entraide des Vallées\nNos soutiens\n" in repaired
    assert "du Val de Morsange et de Lirac" in repaired  # a name wrapped after "de" is joined


def test_the_mention_before_a_heading_keeps_its_own_name(actors_of):
    found = actors_of(repair("Adhérents\n- Brasserie Tallore\n- Fondation Marbois Entraide des Vallées\nGouvernance\n"
                             "Le bureau se réunit chaque mois.\n").text)
    assert "Fondation Marbois Entraide des Vallées" in found
