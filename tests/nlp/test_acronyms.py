"""Acronym definitions: the Schwartz-Hearst test and the long forms it delimits."""
from maillage.nlp.acronyms import abbreviates, is_short_form, long_form_spans


def test_short_form_letters_in_order_from_a_word_start():
    assert abbreviates("Adevar", "Agence de développement du Var")
    assert abbreviates("MAPE", "Ministère de l'Agriculture, de la Pêche et de l'Environnement")
    assert abbreviates("ANVT", "Association Nationale des Villes et Territoires")


def test_short_form_that_does_not_abbreviate():
    assert not abbreviates("ANVT", "Association Nationale des Villes")  # no second T after the V
    assert not abbreviates("Loire", "Saint-Nazaire")  # no word starts with l
    assert not abbreviates("Adevar", "Adevar")


def test_short_forms_in_parentheses():
    assert is_short_form("ANPP") and is_short_form("CdF") and is_short_form("Adevar")
    assert not is_short_form("Du") and not is_short_form("2019") and not is_short_form("Bouches-du-Rhône-Nord")


def test_long_form_is_the_shortest_run_before_the_parenthesis(nlp):
    doc = nlp("Le projet associe l'Association Nationale des Villes et Territoires (ANVT) et le "
              "Ministère de l'Agriculture, de la Pêche et de l'Environnement (MAPE).")
    assert [span.text for span in long_form_spans(doc)] == [
        "Association Nationale des Villes et Territoires", "Ministère de l'Agriculture, de la Pêche et de l'Environnement"]


def test_a_place_in_parentheses_defines_nothing(nlp):
    doc = nlp("Les usines de Pontarlier (Doubs) et de Morez (Jura) ferment.")
    assert long_form_spans(doc) == []
