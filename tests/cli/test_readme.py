"""Every ``maillage`` command shown in a code block of the README runs on the demo database."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner
from fpdf import FPDF

from maillage.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
#: The decision id the README shows for ``curate annuler``; the test uses the id of the last decision.
SHOWN_DECISION = "2ed073fa"
#: Commands that start a server: checked by their own tests, not run here.
SERVERS = ("dashboard",)
#: What the output of a README command holds, by the beginning of its command line.
EXPECTED = {
    "coverage": "Couverture par guichet unique", "shadow-cci": "CCI fantôme", "relays": "Acteurs relais",
    "peers": "Pairs à convaincre", "network": "Structure du réseau", "compare": "Comparaison des territoires",
    "stats": "Acteurs :", "remove": "Document retiré : ", "curate fusionner": "Décision enregistrée",
    "curate position": "Décision enregistrée", "export --format graphml": "Écrit : reseau.graphml",
}


def readme_commands() -> list[list[str]]:
    """The ``maillage ...`` lines of the README's indented code blocks, as argument lists (comments cut)."""
    commands = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("    maillage "):
            commands.append(shlex.split(line.strip(), comments=True)[1:])
    return commands


def expected_output(command: str) -> str:
    """The longest :data:`EXPECTED` entry that begins ``command`` ("" when none does)."""
    matches = [(len(start), text) for start, text in EXPECTED.items() if command.startswith(start)]
    return max(matches)[1] if matches else ""


def write_inputs(folder: Path) -> None:
    """The files the README's examples name: documents to ingest and a small CSV import."""
    (folder / "rapports").mkdir()
    (folder / "rapports" / "note.txt").write_text(
        "La Coopérative des Ruches du Plateau adhère au Cluster Argence Bois depuis 2023.\n", encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Compte rendu. La Maison du Bois Lisoise est partenaire de la SCIC Le Grenier des Monts.")
    pdf.output(str(folder / "compte-rendu.pdf"))
    (folder / "acteurs.csv").write_text(
        "id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
        "atelier-lin,Atelier du Lin Bleu,,entreprise,,Val de Brenne,,TPE,textile,,\n", encoding="utf-8")
    (folder / "liens.csv").write_text("source,target,kind,confidence,note\n"
                                      "atelier-lin,cluster-bois,MEMBER_OF,1.0,\n", encoding="utf-8")
    (folder / "territoires.csv").write_text("id,name,level,code,parent\n"
                                            "territoire:plateau,Plateau du Lin,autre,,\n", encoding="utf-8")


def test_the_readme_shows_commands():
    names = {args[0] for args in readme_commands()}
    assert {"relays", "peers", "coverage", "ingest", "import", "curate", "export", "stats"} <= names
    assert not names & set(SERVERS), "un exemple de code lancerait un serveur"


def test_every_readme_command_runs_on_the_demo(demo_copy, tmp_path, monkeypatch):
    write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    last_decision = ""
    for args in readme_commands():
        args = [last_decision if a == SHOWN_DECISION else a for a in args]
        result = runner.invoke(main, [*args, "--db", str(demo_copy)])
        shown = " ".join(args)
        assert result.exit_code == 0, f"maillage {shown}\n{result.output}"
        assert "Erreur" not in result.output and "Traceback" not in result.output, shown
        assert expected_output(shown) in result.output, f"maillage {shown}\n{result.output}"
        found = re.search(r"Décision enregistrée : ([0-9a-f]{8})", result.output)
        last_decision = found.group(1) if found else last_decision
    assert (tmp_path / "decisions.json").is_file() and (tmp_path / "reseau.graphml").is_file()
