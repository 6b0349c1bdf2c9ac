"""``maillage export``, ``maillage stats``, ``maillage curate ...`` and ``maillage import-decisions``.

Reading commands open the knowledge base read-only; commands that record
decisions open it read-write, check everything before writing, and write the
decisions in one call, so that bad input leaves the base as it was.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from maillage.cli import main
from maillage.cli._options import store_options
from maillage.errors import InputError
from maillage.graph.curation import ACTIONS, Decision, validate_decision
from maillage.graph.model import Graph, slugify
from maillage.graph.taxonomy import SYMMETRIC_LINKS, to_code, label as code_label
from maillage.reasons import os_reason

#: French command name -> curation action.
FRENCH_ACTIONS = {
    "fusionner": "merge", "rejeter-lien": "reject_link", "ajouter-lien": "add_link", "renommer": "rename",
    "types": "set_kinds", "roles": "set_roles", "position": "set_stance", "annuler": "undo",
}
ACTION_LABELS = {action: name for name, action in FRENCH_ACTIONS.items()}
#: French name of a link's target type (``--cible``) -> node type.
TARGET_TYPES = {"acteur": "actor", "territoire": "territory", "programme": "programme", "service": "service"}
EXPORT_FORMATS = ("json", "gexf", "graphml", "csv", "decisions")

author_option = click.option(
    "--auteur", "author", envvar="MAILLAGE_AUTEUR", default="anonyme", show_default=True,
    help="Nom de la personne qui décide (ou variable MAILLAGE_AUTEUR).")
force_option = click.option(
    "--forcer", "force", is_flag=True,
    help="Enregistrer même si l'acteur ou le lien est absent du graphe actuel "
         "(la décision s'appliquera quand les faits reviendront).")


def _open(db: str, store: str, read_only: bool):
    from maillage.graph.kb import open_kb

    return open_kb(db, store, read_only=read_only)


def _write_text(text: str, output: str | None) -> None:
    """Print to stdout, or write to ``output`` (UTF-8)."""
    if output is None:
        click.echo(text)
        return
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"impossible d'écrire {output} : {os_reason(exc)}") from None


# --- export and stats -------------------------------------------------------------------------

def _export_files(graph: Graph, fmt: str, output: str | None) -> list[Path]:
    """Write a file format (gexf, graphml, csv) and return the files written."""
    from maillage.graph import export

    target = output or ("maillage" if fmt == "csv" else f"maillage.{fmt}")
    try:
        if fmt == "csv":
            return list(export.to_kumu_csv(graph, target))
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        return [export.to_gexf(graph, target) if fmt == "gexf" else export.to_graphml(graph, target)]
    except OSError as exc:
        raise InputError(f"impossible d'écrire {target} : {os_reason(exc)}") from None


@main.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True,
              help="json (contrat), gexf et graphml (Gephi, networkx, igraph), csv (Kumu), decisions (curation).")
@click.option("--output", "-o", "output", type=click.Path(),
              help="Fichier de sortie (json et decisions : sortie standard par défaut ; gexf, graphml : "
                   "maillage.gexf / maillage.graphml ; csv : dossier ou préfixe, « maillage » par défaut).")
@click.option("--avec-suggestions", "suggestions", is_flag=True,
              help="json : inclut les liens suggérés (méthode « suggestion »), à relire.")
@store_options
def export_command(fmt: str, output: str | None, db: str, store: str, suggestions: bool = False) -> None:
    """Exporte le graphe corrigé (ou les décisions de curation)."""
    with _open(db, store, read_only=True) as kb:
        if fmt == "decisions":
            from maillage.graph.export import decisions_to_json

            _write_text(json.dumps(decisions_to_json(kb.store.decisions()), ensure_ascii=False, indent=2), output)
            return
        graph = kb.graph()
    if fmt == "json":
        from maillage.graph.export import to_json

        _write_text(json.dumps(to_json(graph, suggestions), ensure_ascii=False, indent=2), output)
        return
    for path in _export_files(graph, fmt, output):
        click.echo(f"Écrit : {path}")


@main.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Les chiffres en JSON plutôt qu'en texte.")
@store_options
def stats_command(as_json: bool, db: str, store: str) -> None:
    """Compte les acteurs par type, les liens par type et par document."""
    from dataclasses import asdict

    from maillage.cli._startup import pyarrow_without_pandas
    from maillage.graph.stats import render_stats

    pyarrow_without_pandas()
    with _open(db, store, read_only=True) as kb:
        stats = kb.stats()
    click.echo(json.dumps(asdict(stats), ensure_ascii=False, indent=2) if as_json else render_stats(stats))


# --- curation ---------------------------------------------------------------------------------

def describe(decision: Decision) -> str:
    """A French one-line description of a decision's content."""
    p = decision.params
    label = ACTION_LABELS.get(decision.action, decision.action)
    if decision.action == "merge":
        return f"{label} {p.get('source')} → {p.get('target')}"
    if decision.action in ("add_link", "reject_link"):
        extra = f" (confiance {p['confidence']})" if "confidence" in p else ""
        extra += f" « {p['note']} »" if p.get("note") else ""
        return f"{label} {p.get('source')} « {code_label('link', p.get('kind'))} » {p.get('target')}{extra}"
    if decision.action == "undo":
        return f"{label} {str(p.get('decision'))[:8]}"
    value = (p.get("name") or (code_label("stance", p["stance"]) if p.get("stance") else "")
             or ", ".join([code_label("kind", k) for k in p.get("kinds") or []]
                          or [code_label("role", r) for r in p.get("roles") or []]) or "(aucun)")
    return f"{label} {p.get('actor')} : {value}"


def _matching_actors(graph: Graph, reference: str) -> list[str]:
    """Actors whose name or an alias has the same slug as ``reference``."""
    wanted = slugify(reference)
    return sorted(a.id for a in graph.actors.values()
                  if wanted and any(slugify(n) == wanted for n in [a.name, *a.aliases]))


def resolve_actor(raw: Graph, curated: Graph, reference: str) -> str:
    """The id an actor reference stands for: an id of the raw or curated graph, or a unique name or alias."""
    if reference in curated.actors or reference in raw.actors:
        return reference
    found = _matching_actors(curated, reference)
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"nom ambigu : {reference!r} désigne {', '.join(found[:5])} ; donnez l'identifiant")
    raise InputError(f"acteur introuvable : {reference!r} (identifiant ou nom ; --forcer pour enregistrer quand même)")


def _resolve_target(raw: Graph, curated: Graph, target: str, target_type: str) -> str:
    if target_type == "actor":
        return resolve_actor(raw, curated, target)
    nodes = {"territory": curated.territories, "programme": curated.programmes}.get(target_type)
    if nodes is None or target in nodes:
        return target
    found = sorted(n.id for n in nodes.values() if slugify(n.name) == slugify(target))
    if len(found) != 1:
        raise InputError(f"{target_type} introuvable ou ambigu : {target!r} (--forcer pour enregistrer quand même)")
    return found[0]


def _resolve_decision_id(decisions: list[Decision], reference: str) -> str:
    found = [d.id for d in decisions if d.id.startswith(reference)]
    if len(found) != 1:
        state = "ambiguë" if found else "introuvable"
        raise InputError(f"décision {state} : {reference!r} (voir maillage curate liste)")
    return found[0]


def _resolved(decision: Decision, kb) -> Decision:
    """The decision with names turned into ids; raises if a reference is unknown or the link is absent."""
    from dataclasses import replace

    raw, curated = kb.store.read(), kb.graph()
    params = dict(decision.params)
    if decision.action == "undo":
        params["decision"] = _resolve_decision_id(kb.store.decisions(), params["decision"])
    for key in ("actor", "source"):
        if key in params:
            params[key] = resolve_actor(raw, curated, params[key])
    if decision.action == "merge":
        params["target"] = resolve_actor(raw, curated, params["target"])
    elif decision.action == "add_link":
        params["target"] = _resolve_target(raw, curated, params["target"], params.get("target_type", "actor"))
    elif decision.action == "reject_link":
        _check_link_exists(raw, curated, params)
    return replace(decision, params=params)


def _link_shown(curated: Graph, params: dict) -> bool:
    """Whether the graph shows the link (either way round for a symmetric kind)."""
    source, kind, target = params["source"], params["kind"], params["target"]
    return (source, kind, target) in curated.links or (
        kind in SYMMETRIC_LINKS and (target, kind, source) in curated.links)


def _check_link_exists(raw: Graph, curated: Graph, params: dict) -> None:
    """Resolve a rejected link's target (an actor, or any node id as stored) and check the link is shown now."""
    if not _link_shown(curated, params):
        params["target"] = resolve_actor(raw, curated, params["target"])
    if not _link_shown(curated, params):
        raise InputError(f"lien introuvable : {params['source']} {params['kind']} {params['target']} "
                         "(--forcer pour enregistrer quand même)")


def record(decision: Decision, db: str, store: str, force: bool) -> Decision:
    """Validate, resolve the references (unless ``force``) and append one decision; return it as stored."""
    validate_decision(decision)
    with _open(db, store, read_only=False) as kb:
        if not force:
            decision = validate_decision(_resolved(decision, kb))
        kb.store.append_decisions([decision])
    click.echo(f"Décision enregistrée : {decision.id[:8]}  {describe(decision)}")
    return decision


@main.group("curate")
def curate() -> None:
    """Corrige le graphe par des décisions (fusionner, rejeter-lien, ajouter-lien, renommer, types, roles,
    position, annuler, ou la forme générique : ajouter) et les liste (liste).

    Les acteurs se désignent par leur identifiant ou par un nom ou alias sans
    ambiguïté. Les décisions s'ajoutent à une liste qui n'est jamais réécrite :
    elles s'appliquent par-dessus les faits extraits et survivent à la
    réingestion des documents.
    """


def curation_command(name: str, help_text: str):
    """Register ``maillage curate NAME`` with the shared options; the function returns the decision's params."""
    def wrap(build):
        @curate.command(name, help=help_text)
        @author_option
        @force_option
        @store_options
        def command(author: str, force: bool, db: str, store: str, **arguments) -> None:
            record(Decision(FRENCH_ACTIONS[name], build(**arguments), author=author), db, store, force)
        command.params[:0] = getattr(build, "__click_params__", [])[::-1]
        return command
    return wrap


@curation_command("fusionner", "Fusionne l'acteur SOURCE dans CIBLE (ses noms deviennent des alias, ses liens passent à CIBLE).")
@click.argument("source")
@click.argument("target", metavar="CIBLE")
def _merge(source: str, target: str) -> dict:
    return {"source": source, "target": target}


@curation_command("rejeter-lien", "Rejette le lien SOURCE TYPE CIBLE (« membre de » ou MEMBER_OF, « finance » ou FUNDS...).")
@click.argument("source")
@click.argument("kind", metavar="TYPE")
@click.argument("target", metavar="CIBLE")
def _reject_link(source: str, kind: str, target: str) -> dict:
    return {"source": source, "kind": to_code("link", kind), "target": target}


@curation_command("ajouter-lien", "Ajoute le lien SOURCE TYPE CIBLE (« finance » ou FUNDS, « membre de » ou "
                                  "MEMBER_OF...) ; la note sert de preuve.")
@click.argument("source")
@click.argument("kind", metavar="TYPE")
@click.argument("target", metavar="CIBLE")
@click.option("--confiance", "confidence", type=click.FloatRange(0.0, 1.0), default=1.0, show_default=True)
@click.option("--note", default="", help="Pourquoi ce lien (citée comme preuve).")
@click.option("--cible", "target_type", type=click.Choice(list(TARGET_TYPES)), default="acteur", show_default=True,
              help="Nature de la cible.")
def _add_link(source: str, kind: str, target: str, confidence: float, note: str, target_type: str) -> dict:
    params = {"source": source, "kind": to_code("link", kind), "target": target, "confidence": confidence}
    if note:
        params["note"] = note
    if TARGET_TYPES[target_type] != "actor":
        params["target_type"] = TARGET_TYPES[target_type]
    if target_type == "service":
        params["target"] = to_code("service", target)
    return params


@curation_command("renommer", "Donne à ACTEUR le nom NOM (l'ancien nom devient un alias).")
@click.argument("actor", metavar="ACTEUR")
@click.argument("name", metavar="NOM")
def _rename(actor: str, name: str) -> dict:
    return {"actor": actor, "name": name}


@curation_command("types", "Fixe les types d'ACTEUR, le premier étant le type principal (scic ptce...).")
@click.argument("actor", metavar="ACTEUR")
@click.argument("kinds", metavar="TYPE...", nargs=-1, required=True)
def _set_kinds(actor: str, kinds: tuple[str, ...]) -> dict:
    return {"actor": actor, "kinds": [to_code("kind", kind) for kind in kinds]}


@curation_command("roles", "Fixe les rôles d'ACTEUR (guichet_unique ess...) ; sans rôle, les retire tous.")
@click.argument("actor", metavar="ACTEUR")
@click.argument("roles", metavar="[ROLE...]", nargs=-1)
def _set_roles(actor: str, roles: tuple[str, ...]) -> dict:
    return {"actor": actor, "roles": [to_code("role", role) for role in roles]}


@curation_command("position", "Fixe la position d'une personne : convaincu, indécis, opposé ou inconnu.")
@click.argument("actor", metavar="ACTEUR")
@click.argument("stance", metavar="POSITION")
def _set_stance(actor: str, stance: str) -> dict:
    return {"actor": actor, "stance": to_code("stance", stance)}


@curation_command("annuler", "Annule la décision DECISION (identifiant ou son début) ; annuler une annulation la rétablit.")
@click.argument("decision", metavar="DECISION")
def _undo(decision: str) -> dict:
    return {"decision": decision}


def parse_params(pairs: tuple[str, ...]) -> dict:
    """``key=value`` pairs into decision params: kinds and roles split on ``|`` or ``,``, confidence a number."""
    params: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError(f"paramètre mal formé : {pair!r} (attendu clé=valeur)")
        if key in ("kinds", "roles"):
            params[key] = [v for v in value.replace(",", "|").split("|") if v]
        elif key == "confidence":
            try:
                params[key] = float(value)
            except ValueError:
                raise InputError(f"confiance invalide : {value!r}") from None
        else:
            params[key] = value
    return params


@curate.command("ajouter")
@click.argument("action")
@click.option("--param", "-p", "pairs", multiple=True, metavar="CLÉ=VALEUR", help="Paramètre de la décision (répétable).")
@author_option
@force_option
@store_options
def add_command(action: str, pairs: tuple[str, ...], author: str, force: bool, db: str, store: str) -> None:
    """Ajoute une décision sous sa forme générique : ACTION (merge, reject_link, add_link, rename,
    set_kinds, set_roles, set_stance, undo, ou son nom français) et ses paramètres clé=valeur."""
    action = FRENCH_ACTIONS.get(action, action)
    if action not in ACTIONS:
        raise InputError(f"action de curation inconnue : {action!r} "
                         f"(actions : {', '.join(FRENCH_ACTIONS)}, ou leurs codes {', '.join(ACTIONS)})")
    record(Decision(action, parse_params(pairs), author=author), db, store, force)


@curate.command("liste")
@click.option("--json", "as_json", is_flag=True, help="Les décisions au format du fichier d'export.")
@store_options
def list_command(as_json: bool, db: str, store: str) -> None:
    """Liste les décisions dans l'ordre où elles ont été prises (les annulées sont marquées)."""
    from maillage.graph.curation import active_decisions
    from maillage.graph.export import decisions_to_json

    with _open(db, store, read_only=True) as kb:
        decisions = kb.store.decisions()
    if as_json:
        click.echo(json.dumps(decisions_to_json(decisions), ensure_ascii=False, indent=2))
        return
    if not decisions:
        click.echo("Aucune décision de curation.")
        return
    active = {d.id for d in active_decisions(decisions)}
    for decision in decisions:
        state = "" if decision.id in active or decision.action == "undo" else "  [annulée]"
        click.echo(f"{decision.id[:8]}  {decision.at[:16].replace('T', ' ')}  {decision.author}  "
                   f"{describe(decision)}{state}")


def _hidden_alias(name: str, command: click.Command) -> None:
    """Keep an older English name of a ``curate`` subcommand working, out of the help."""
    curate.add_command(click.Command(name, callback=command.callback, params=command.params,
                                     help=command.help, hidden=True))


_hidden_alias("list", list_command)
_hidden_alias("add", add_command)


# --- import -----------------------------------------------------------------------------------

@main.command("import-decisions")
@click.argument("file", metavar="FICHIER")
@store_options
def import_decisions_command(file: str, db: str, store: str) -> None:
    """Ajoute les décisions d'un fichier exporté par « maillage export --format decisions »
    (celles déjà présentes sont ignorées)."""
    from maillage.graph.curation import read_decisions_file

    decisions = read_decisions_file(file)
    with _open(db, store, read_only=False) as kb:
        new = kb.store.append_decisions(decisions)
    click.echo(f"Décisions importées : {new} nouvelle(s), {len(decisions) - new} déjà présente(s).")
