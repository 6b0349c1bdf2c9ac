"""Page logic with Streamlit's AppTest (no browser): pages run on a real database built from CSV."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_data import XSS_IMG, XSS_SCRIPT, build_db, embedded_data, write_csv_pair
from maillage.graph import taxonomy
from maillage.graph.curation import Decision
from maillage.graph.model import Batch, Document, Evidence, Link
from maillage.graph.kb import open_kb

APP = str(Path(__file__).resolve().parents[2] / "maillage" / "dashboard" / "app.py")
VIEWS = ["explorer", "fiche", "guichet", "cci_fantome", "relais", "pairs", "reseau", "comparer", "corriger",
         "importer", "exporter"]


@pytest.fixture
def use_db(monkeypatch):
    """Point the dashboard at a database (as ``maillage dashboard`` does through the environment)."""
    def use(db: Path) -> None:
        monkeypatch.setenv("MAILLAGE_DB", str(db))
        monkeypatch.setenv("MAILLAGE_STORE", "ladybug")
        monkeypatch.delenv("MAILLAGE_PASSWORD", raising=False)
    return use


def run_view(view: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(f"views/{view}.py")
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    return at


@pytest.mark.parametrize("view", VIEWS)
def test_view_runs_without_exception(small_db, use_db, view):
    use_db(small_db)
    at = run_view(view)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_actor_page_escapes_names_and_groups_links(small_db, use_db):
    use_db(small_db)
    at = run_view("fiche", {"acteur": "xss-img"})
    assert at.title[0].value == "&lt;img src=x onerror=alert\\(1\\)&gt;"
    assert [e.label for e in at.expander] == ["membre de (1)", "partenaire de (1)", "situé sur (1)"]
    # evidence goes through st.html, escaped, with both names highlighted
    evidence = [h.proto.body for h in at.get("html") if "travaille avec" in h.proto.body]
    assert evidence and "<script>" not in evidence[0] and "<img" not in evidence[0]
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;</mark>" in evidence[0]


def rename_tpe1(at, name: str) -> None:
    """Fill Corriger's rename form for the actor ``tpe1``, click « Renommer » and run the page."""
    at.selectbox(key="rename-actor").select("tpe1")
    at.text_input(key="rename-name").input(name)
    at.button[[b.label for b in at.button].index("Renommer")].click()
    at.run()


def test_unknown_actor_is_said_in_french(small_db, use_db):
    use_db(small_db)
    at = run_view("fiche", {"acteur": "personne-inconnue"})
    assert "Aucun acteur d'identifiant" in at.warning[0].value


def test_rename_in_corriger_is_recorded_with_author(tmp_path, csv_pair, use_db):
    db = build_db(tmp_path, csv_pair)
    use_db(db)
    at = run_view("corriger")
    at.text_input(key="corriger-auteur").input("Léa")
    rename_tpe1(at, "Boulangerie Martin & Fils")
    assert not at.exception and not at.error
    assert "Décision enregistrée" in at.success[0].value
    with open_kb(str(db), read_only=True) as kb:
        decisions = kb.store.decisions()
        assert kb.graph().actors["tpe1"].name == "Boulangerie Martin & Fils"
    assert [(d.action, d.author) for d in decisions] == [("rename", "Léa")]
    fiche = run_view("fiche", {"acteur": "tpe1"})
    assert "Boulangerie Martin" in fiche.title[0].value and "Fils" in fiche.title[0].value


def test_merge_preview_shows_the_result_before_deciding(small_db, use_db):
    use_db(small_db)
    at = run_view("corriger")
    at.selectbox(key="merge-source").select("tpe1")
    at.selectbox(key="merge-target").select("tpe2")
    at.run()
    after = [m.value for m in at.markdown if m.value.startswith("**Après la fusion**")]
    assert after and "Boulangerie Martin" in after[0] and "liens : 4" in after[0]
    with open_kb(str(small_db), read_only=True) as kb:
        assert kb.store.decisions() == []  # a preview writes nothing


HOLD = """
import sys, time
from maillage.graph.stores import open_store
store = open_store("ladybug", sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""


def test_locked_database_is_said_and_reading_goes_on(tmp_path, csv_pair, use_db):
    db = build_db(tmp_path, csv_pair)
    use_db(db)
    assert run_view("fiche", {"acteur": "xss-img"}).title  # read once, before the lock
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        at = run_view("fiche", {"acteur": "xss-img"})
        assert not at.exception and not at.error
        assert at.title[0].value.startswith("&lt;img")  # reading goes on
        corriger = run_view("corriger")
        corriger.text_input(key="corriger-auteur").input("Léa")
        rename_tpe1(corriger, "Nouveau")
        assert any("verrouillée" in e.value for e in corriger.error)
    finally:
        holder.kill()
        holder.wait()


def test_password_gate_blocks_until_the_right_password(small_db, use_db, monkeypatch):
    use_db(small_db)
    monkeypatch.setenv("MAILLAGE_PASSWORD", "sésame")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.get("iframe") and [t.value for t in at.title] == ["maillage"]
    at.text_input(key="maillage_gate_password").input("faux").run()
    assert at.error[0].value == "Mot de passe incorrect."
    at.text_input(key="maillage_gate_password").input("sésame").run()
    assert "Explorer le réseau" in [t.value for t in at.title]


def test_snapshot_follows_the_database_version(tmp_path, csv_pair, use_db):
    db = build_db(tmp_path, csv_pair)
    use_db(db)
    first = run_view("fiche", {"acteur": "tpe1"})
    assert first.title[0].value == "Boulangerie Martin"
    with open_kb(str(db)) as kb:
        kb.store.append_decisions([Decision("rename", {"actor": "tpe1", "name": "Fournil Martin"})])
    assert run_view("fiche", {"acteur": "tpe1"}).title[0].value == "Fournil Martin"


def test_explorer_focuses_on_the_searched_actor(small_db, use_db):
    use_db(small_db)
    at = run_view("explorer")
    assert "18 acteurs dessinés sur 18" in at.caption[0].value
    at.selectbox(key="scope-around").select("xss-img").run()
    at.slider(key="scope-radius").set_value(1).run()
    assert not at.exception
    assert "3 acteurs dessinés sur 3" in at.caption[0].value


def test_territory_scope_is_kept_from_page_to_page(small_db, use_db):
    use_db(small_db)
    at = run_view("guichet")
    at.selectbox(key="scope-territoire").set_value("territoire:val-d-essai").run()
    at.switch_page("views/fiche.py").run()  # a page without the scope sidebar
    at.switch_page("views/relais.py").run()
    assert at.selectbox(key="scope-territoire").value == "territoire:val-d-essai"
    assert not at.exception


def test_a_decision_without_author_is_refused_in_french(tmp_path, csv_pair, use_db):
    db = build_db(tmp_path, csv_pair)
    use_db(db)
    at = run_view("corriger")
    rename_tpe1(at, "Sans auteur")
    assert any("Indiquez votre nom" in e.value for e in at.error)
    with open_kb(str(db), read_only=True) as kb:
        assert kb.store.decisions() == []


def test_author_is_remembered_for_the_session(small_db, use_db):
    use_db(small_db)
    at = run_view("corriger")
    at.text_input(key="corriger-auteur").input("Léa").run()
    at.switch_page("views/fiche.py").run()
    at.switch_page("views/corriger.py").run()
    assert at.text_input(key="corriger-auteur").value == "Léa"


def test_merge_suggestion_is_one_click_from_a_merge_decision(tmp_path, use_db):
    folder = tmp_path / "csv"
    folder.mkdir()
    actors, links = write_csv_pair(folder)
    actors.write_text(actors.read_text(encoding="utf-8") +
                      "boulangerie-bis,Boulangerie Martin SARL,,entreprise,,Val d'Essai,,TPE,,,\n", encoding="utf-8")
    links.write_text(links.read_text(encoding="utf-8") + "cabinet,boulangerie-bis,SUPPORTS,0.9,\n", encoding="utf-8")
    db = build_db(tmp_path, (actors, links))
    use_db(db)
    at = run_view("corriger")
    at.text_input(key="corriger-auteur").input("Léa").run()
    pair = [m.value for m in at.markdown if "→" in m.value]
    assert pair and "Boulangerie Martin SARL" in pair[0] and "Boulangerie Martin »" in pair[0]
    at.button(key="dup-0").click().run()
    assert "Décision enregistrée" in at.success[0].value
    with open_kb(str(db), read_only=True) as kb:
        [decision] = kb.store.decisions()
    assert (decision.action, decision.author) == ("merge", "Léa")
    assert {decision.params["source"], decision.params["target"]} == {"tpe1", "boulangerie-bis"}


def test_duplicates_are_searched_on_a_base_beyond_the_old_cut_off(tmp_path, use_db):
    """20,100 firms (the search used to stop at 20,000 actors) and 14 near-duplicates of some of them: the page
    lists the 12 likeliest pairs and says how many there are."""
    folder = tmp_path / "csv"
    folder.mkdir()
    actors, links = folder / "actors.csv", folder / "links.csv"
    firms = [f"f{i},Atelier {i:05d},,entreprise,,,,,,," for i in range(20_100)]
    twins = [f"d{i},Atelier {1000 * i:05d} SARL,,entreprise,,,,,,," for i in range(14)]
    actors.write_text("\n".join(["id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance",
                                  *firms, *twins, ""]), encoding="utf-8")
    links.write_text("source,target,kind,confidence,note\nf1,f2,PARTNER_OF,1,\n", encoding="utf-8")
    use_db(build_db(tmp_path, (actors, links)))
    at = run_view("corriger")
    assert not at.exception
    pairs = [m.value for m in at.markdown if "→" in m.value]
    assert len(pairs) == 12 and all(p.startswith("« Atelier ") and " SARL » → « Atelier " in p for p in pairs)
    assert "Les 12 paires les plus probables sur 14 trouvées" in at.info[0].value


def test_guichet_matrix_has_a_column_even_without_intercommunality(small_db, use_db):
    use_db(small_db)
    at = run_view("guichet")
    assert [m.value for m in at.metric][:1] == ["1"]  # the test base has no intercommunality: the whole scope
    assert not [i.value for i in at.info if "Aucun territoire" in i.value]


@pytest.mark.skipif("suggestion" not in taxonomy.METHODS,
                    reason="la méthode « suggestion » arrive avec les suggestions de liens")
@pytest.mark.parametrize("button, action", [("suggest-yes-0", "add_link"), ("suggest-no-0", "reject_link")])
def test_a_suggested_link_is_one_click_from_a_decision(tmp_path, csv_pair, use_db, button, action):
    db = build_db(tmp_path, csv_pair)
    sentence = "Le Garage Leroy et la Menuiserie Petit apparaissent dans le même paragraphe."
    batch = Batch(Document("doc-suggestion", "note.txt", title="Note"), links=[
        Link("tpe2", "PARTNER_OF", "tpe3", [Evidence("doc-suggestion", sentence, method="suggestion", confidence=0.3)])])
    with open_kb(str(db)) as kb:
        assert kb.store.write(batch)
    use_db(db)
    at = run_view("corriger")
    at.text_input(key="corriger-auteur").input("Léa").run()
    assert any("Garage Leroy est partenaire de Menuiserie Petit" in m.value for m in at.markdown)
    at.button(key=button).click().run()
    with open_kb(str(db), read_only=True) as kb:
        [decision] = kb.store.decisions()
    assert decision.action == action
    assert (decision.params["source"], decision.params["kind"], decision.params["target"]) == ("tpe2", "PARTNER_OF", "tpe3")


def test_big_scope_explorer_draws_the_most_central_and_says_so(small_db, use_db, monkeypatch):
    use_db(small_db)
    monkeypatch.setenv("MAILLAGE_ACTEURS_DESSINES", "4")
    at = run_view("explorer")
    assert not at.exception
    assert "4 acteurs les plus centraux sur 18 affichés" in at.caption[0].value
    at.selectbox(key="scope-around").select("tpe2").run()  # an actor not drawn: its neighbourhood is
    at.slider(key="scope-radius").set_value(1).run()
    assert "3 acteurs dessinés sur 3" in at.caption[0].value


def test_explorer_link_tooltips_quote_their_sentence_as_escaped_text(small_db, use_db):
    use_db(small_db)
    at = run_view("explorer")
    page = at.get("iframe")[0].proto.srcdoc
    _, edges = embedded_data(page)
    tooltip = {(e["from"], e["to"]): e["title"] for e in edges}
    assert tooltip[("maison", "cci")].endswith("\n« La Maison de l'entreprise oriente les créateurs vers la CCI. »")
    assert tooltip[("xss-img", "xss-script")].endswith(f"« {XSS_SCRIPT} travaille avec {XSS_IMG} »")
    assert XSS_SCRIPT not in page and XSS_IMG not in page  # in the page, only as \u003c escapes of JSON data
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e travaille avec" in page


def test_above_the_picker_limit_an_actor_is_found_by_part_of_its_name(small_db, use_db, monkeypatch):
    use_db(small_db)
    monkeypatch.setenv("MAILLAGE_CHOIX_MAX", "3")
    at = run_view("fiche")
    assert at.selectbox(key="fiche-acteur-None").options == []  # no name is sent before a search
    at.text_input(key="fiche-acteur-None-recherche").input("leroy").run()
    box = at.selectbox(key="fiche-acteur-None")
    assert box.options == ["Garage Leroy (entreprise)"]
    box.select("tpe2").run()
    assert at.title[0].value == "Garage Leroy"
