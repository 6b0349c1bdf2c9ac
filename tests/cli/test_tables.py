"""Analysis tables fit the terminal, explain their columns and show French labels; JSON and CSV keep codes."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.cli.tables import table
from maillage.errors import TaxonomyError
from maillage.graph.taxonomy import label, to_code

#: A common terminal width, and a narrow one.
WIDTHS = (80, 60)
ANALYSES = [
    (["coverage", "--territoire", "Val de Brenne"], ["Statut :", "Score :"], ["fragmenté", "désert"]),
    (["shadow-cci", "--territoire", "Val de Brenne"], ["Liens :"], []),
    (["relays", "--territoire", "Val de Brenne", "--depuis", "AGEVAB"], ["Portée marginale :", "Part cumulée :"],
     ["acteur relais"]),
    (["peers", "--elu", "Nadia Benali"], ["Influence :", "Dist. :", "Score :"], ["indécis", "opposé"]),
    (["network"], ["Interm. : intermédiarité", "Prox. : proximité", "V. propre : vecteur propre"], ["collectivité"]),
    (["compare", "--territoire", "Val de Brenne", "--territoire", "Coteaux d'Argence"], [], ["chambre de métiers"]),
]


def run(db, *args, env=None):
    result = CliRunner().invoke(main, [*args, "--db", str(db)], env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args,legend,labels", ANALYSES, ids=[a[0][0] for a in ANALYSES])
def test_table_fits_the_terminal_with_a_legend_and_french_labels(demo_db, args, legend, labels):
    for width in reversed(WIDTHS):
        out = run(demo_db, *args, env={"COLUMNS": str(width)})
        too_wide = [line for line in out.splitlines() if len(line) > width]
        assert not too_wide, too_wide
    for text in legend + labels:
        assert text in out, text
    for code in ("fragmente ", "indecis", "oppose ", "collectivite", "chambre_metiers"):
        assert code not in out


def test_json_and_csv_keep_codes_and_csv_says_oui_non(demo_db):
    peers = json.loads(run(demo_db, "peers", "--elu", "Nadia Benali", "--format", "json"))
    assert {p["stance"] for p in peers["peers"]} <= {"convaincu", "indecis", "oppose", "inconnu"}
    rows = list(csv.DictReader(io.StringIO(run(demo_db, "network", "--format", "csv"))))
    assert {r["passeur"] for r in rows} == {"oui", "non"} and {r["isole"] for r in rows} <= {"oui", "non"}
    rows = list(csv.DictReader(io.StringIO(run(demo_db, "coverage", "--territoire", "Val de Brenne",
                                               "--format", "csv"))))
    assert {r["atteint"] for r in rows} == {"oui", "non"} and "fragmente" in {r["statut"] for r in rows}


def test_cells_are_text_not_markup():
    out = table(["Acteur", "Liens"], [["[bold]Club[/bold] <b>", 3]], width=40)
    assert "[bold]Club[/bold] <b>" in out


def test_french_input_for_codes():
    assert to_code("stance", "indécis") == "indecis" and to_code("stance", "Opposé") == "oppose"
    assert to_code("link", "finance") == "FUNDS" and to_code("link", "membre de") == "MEMBER_OF"
    assert to_code("link", "MEMBER_OF") == "MEMBER_OF" and to_code("kind", "chambre de métiers") == "chambre_metiers"
    assert label("stance", "indecis") == "indécis" and label("status", "desert") == "désert"
    with pytest.raises(TaxonomyError, match="valeurs possibles : convaincu, indécis, opposé, inconnu"):
        to_code("stance", "pour")


def test_curation_takes_french_words(demo_copy):
    out = run(demo_copy, "curate", "position", "Nadia Benali", "indécis")
    assert "Décision enregistrée" in out
    run(demo_copy, "curate", "ajouter-lien", "AGEVAB", "finance", "scic-grenier", "--note", "Aide 2026")
    decisions = json.loads(run(demo_copy, "curate", "liste", "--json"))
    params = [d["params"] for d in decisions["decisions"]] if isinstance(decisions, dict) else \
        [d["params"] for d in decisions]
    assert {"actor": "p-nadia-benali", "stance": "indecis"} in params
    assert any(p.get("kind") == "FUNDS" and p.get("target") == "scic-grenier" for p in params)
