"""``maillage coverage|shadow-cci|relays|peers|network|compare``: the analyses on the command line.

Each command reads the curated graph read-only, applies the scope given by the
options, runs one analysis of :mod:`maillage.graph.analysis` and prints it as
readable French text (``table``), as the JSON contract (``json``) or as CSV rows.
"""
from __future__ import annotations

import atexit
import gc
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import click
import orjson

from maillage.cli import main
from maillage.cli._options import store_options
from maillage.csv_safe import dicts_to_csv
from maillage.graph.analysis_defaults import DEFAULT_K, DEFAULT_SEGMENT, DEFAULT_SIZE
from maillage.graph.scope import Scope
from maillage.graph.taxonomy import SERVICES, label, to_code

if TYPE_CHECKING:
    from maillage.graph import analysis

FORMATS = ("table", "json", "csv")
#: How many names a table cell lists before "(+n)".
CELL_NAMES = 5


def _codes(text: str, vocabulary: str, where: str) -> tuple[str, ...]:
    """Codes given as ``a,b`` or ``a|b``, each as a code or its French label (``membre de``, ``finance``)."""
    return tuple(to_code(vocabulary, c.strip(), where) for c in re.split(r"[|,]", text or "") if c.strip())


def scope_options(func):
    """Add the scope filters and ``--format`` to a command (``--territoire`` is added per command)."""
    options = [
        click.option("--types", "kinds", default="", help="Types d'acteurs gardés (ex. scic,ptce)."),
        click.option("--liens", "link_kinds", default="", help="Types de liens gardés (ex. PARTNER_OF,MEMBER_OF)."),
        click.option("--confiance-min", "min_confidence", type=float, default=0.0, show_default=True,
                     help="Confiance minimale d'un lien (0 à 1)."),
        click.option("--exclure-methodes", "exclude_methods", default="",
                     help="Méthodes d'extraction écartées (ex. cooccurrence)."),
        click.option("--autour", "around", default="", help="Ne garder que le voisinage de cet acteur."),
        click.option("--rayon", "radius", type=click.IntRange(0), default=2, show_default=True,
                     help="Rayon du voisinage de --autour (en nombre de liens)."),
        click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="table (texte), json (contrat) ou csv."),
        store_options,
    ]
    for option in reversed(options):
        func = option(func)
    return func


territory_option = click.option("--territoire", "territoire", default="",
                                help="Territoire ou collectivité (nom, identifiant ou code officiel).")


def _scope(territoire: str, kinds: str, link_kinds: str, min_confidence: float, exclude_methods: str,
           around: str, radius: int) -> Scope:
    return Scope(territoire=territoire, kinds=_codes(kinds, "kind", "--types"),
                 link_kinds=_codes(link_kinds, "link", "--liens"), min_confidence=min_confidence,
                 exclude_methods=_codes(exclude_methods, "method", "--exclure-methodes"), around=around,
                 radius=radius)


def _projections(db: str, store: str, scopes: list[Scope], opened=lambda kb: None) -> list:
    """The projections of ``scopes`` on the stored curated graph (read from its folded snapshot),
    with the collector paused (see :func:`paused_gc`), then out of its reach (see :func:`_run`);
    ``opened(kb)`` is called once the base is open, before it is read."""
    from maillage.cli._startup import pyarrow_without_pandas
    from maillage.graph.kb import open_kb
    from maillage.graph.projection import paused_gc

    pyarrow_without_pandas()
    with paused_gc(), open_kb(db, store, read_only=True) as kb:
        opened(kb)
        projections = [kb.projection(scope) for scope in scopes]
        gc.freeze()
        return projections


def _project(db: str, store: str, opened=lambda kb: None, **scope):
    """The scoped projection of the stored graph (``opened``: see :func:`_projections`)."""
    return _projections(db, store, [_scope(**scope)], opened)[0]


def _names(items, mark=lambda item: "") -> str:
    shown = [f"{item.name}{mark(item)}" for item in items[:CELL_NAMES]]
    more = len(items) - CELL_NAMES
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "") if shown else "—"




def _run(func, *args, **kwargs):
    """Run an analysis with the garbage collector paused (see :func:`paused_gc`). Its result and what
    it was computed from live until the command exits, so they are then moved out of the collector's
    reach (:func:`gc.freeze`): the collection the next allocations set off once it is enabled again
    rescanned them all (0.13 s after a 100,000-actor network); they are still freed by reference count."""
    from maillage.graph.projection import paused_gc

    with paused_gc():
        result = func(*args, **kwargs)
        gc.freeze()
        return result


def json_bytes(result) -> bytes:
    """The JSON contract of a result (the data of ``result.to_json()``), indented by two spaces, as UTF-8,
    written by orjson in C: the standard encoder, pure Python once indenting, took 5 s on a
    100,000-actor network result. Small numbers are written without an exponent (0.000099 for 9.9e-05)."""
    return orjson.dumps(result, option=orjson.OPT_INDENT_2)


def json_text(result) -> str:
    """:func:`json_bytes` as text."""
    return json_bytes(result).decode()


def _emit(result, fmt: str, render, rows) -> None:
    """Print ``result`` as JSON, CSV (``rows(result)``) or French text (``render(result)``).

    The collector stays paused (see :func:`paused_gc`): orjson reads each result row's attribute dict,
    creating it on first use, and the collections these 100,000 new dicts set off rescanned the whole
    heap (0.3 s of the 0.5 s of a 100,000-actor network JSON). The JSON is written as bytes, not
    decoded then encoded again. At exit the heap is frozen (:func:`gc.freeze`, registered once): the
    interpreter's last collection then skips the objects the command leaves, which it rescanned for
    0.3 s of CPU after a 100,000-actor network; they are still freed. The result itself is never freed
    (:func:`_never_freed`)."""
    from maillage.graph.projection import paused_gc

    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    with paused_gc():
        if fmt == "json":
            click.echo(json_bytes(result))
        elif fmt == "csv":
            click.echo(dicts_to_csv(rows(result)).rstrip("\r\n"))
        else:
            click.echo(_text(result, render))
    _never_freed(result)


def _never_freed(value) -> None:
    """Leave ``value`` to the operating system, which takes back a process's memory at once at exit:
    freeing a 100,000-actor network result object by object took 0.07 s once it was written. It is put
    in a reference cycle (no count falls to zero) out of the collector's reach (:func:`gc.freeze`); a
    process running many commands (the tests) keeps their results."""
    kept = [value]
    kept.append(kept)
    gc.freeze()


def _text(result, render) -> str:
    """The French text of a result: ``render(result)``, then its notes and message, fitted to the terminal."""
    from maillage.cli.tables import fit

    text = render(result)
    message = getattr(result, "message", "")
    notes = getattr(result, "notes", [])
    lines = [text, *(f"Remarque : {n}" for n in notes)] + ([f"Note : {message}"] if message else [])
    return fit("\n".join(lines))


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _kind(code: str) -> str:
    return label("kind", code)


def _yes(flag: bool) -> str:
    """A boolean cell of a CSV: ``oui`` or ``non``."""
    return "oui" if flag else "non"


# --- coverage ---------------------------------------------------------------------------------

def _coverage_table(r: analysis.CoverageResult) -> str:
    from maillage.cli.tables import legend, table

    covered = sum(n.status == "couvert" for n in r.needs)
    head = [f"Couverture par guichet unique — {r.territoire}",
            f"Score : {_pct(r.score)} des besoins couverts ({covered}/{len(r.needs)})",
            f"Guichets uniques : {_names(r.windows)}", ""]
    rows = [[n.label, label("status", n.status), _names(n.providers, lambda p: "*" if p.reached else "")]
            for n in r.needs]
    tail = ["", legend({"Statut": "couvert = un prestataire est atteint depuis un guichet unique (au plus deux "
                                  "liens) ; fragmenté = des prestataires, aucun atteint ; désert = aucun prestataire",
                        "*": "prestataire atteint depuis un guichet",
                        "Score": "part des dix besoins couverts"})]
    tail += [f"Guichets en concurrence sur « {SERVICES[c.need]} » : {_names(c.windows)}" for c in r.competing]
    return "\n".join(head + [table(["Besoin", "Statut", "Prestataires"], rows)] + tail)


def _coverage_rows(r: analysis.CoverageResult) -> list[dict]:
    from maillage.graph.analysis import Provider

    return [{"besoin": n.need, "statut": n.status, "id": p.id, "nom": p.name, "type": p.kind,
             "atteint": _yes(p.reached), "guichets": "|".join(p.windows), "source": p.by}
            for n in r.needs for p in n.providers or [Provider(id="", name="")]]


@main.command("coverage")
@territory_option
@scope_options
def coverage_command(fmt: str, db: str, store: str, **scope) -> None:
    """Couverture des dix besoins par les guichets uniques d'un territoire."""
    from maillage.graph import analysis

    _emit(_run(analysis.coverage, _project(db, store, **scope)), fmt, _coverage_table, _coverage_rows)


# --- shadow CCI -------------------------------------------------------------------------------

def _shadow_table(r: analysis.ShadowResult) -> str:
    from maillage.cli.tables import legend, table

    lines = [f"CCI fantôme — {r.territoire}",
             f"Instances officielles ({len(r.official_bodies)}) : {_names(r.official_bodies)}",
             f"Acteurs représentés ({len(r.represented)}) : {_names(r.represented)}", "",
             f"Acteurs engagés absents des instances ({len(r.absent)}) :",
             table(["Acteur", "Type", "Liens"], [[a.name, _kind(a.kind), a.score] for a in r.absent]), "",
             f"Composition proposée ({len(r.roster)} membres) :",
             table(["#", "Membre", "Type", "Pourquoi"],
                   [[i, m.name, _kind(m.kind), m.why] for i, m in enumerate(r.roster, 1)]), "",
             legend({"Liens": "nombre de liens avec les autres acteurs du périmètre (son engagement)",
                     "Composition": "chaque membre ajoute le plus de facettes (secteur, taille, type, communauté) "
                                    "pas encore représentées, les absents des instances d'abord"})]
    return "\n".join(lines)


def _shadow_rows(r: analysis.ShadowResult) -> list[dict]:
    rows = []
    for category, items in (("instance_officielle", r.official_bodies), ("represente", r.represented),
                            ("absent", r.absent), ("composition", r.roster)):
        rows += [{"categorie": category, "id": a.id, "nom": a.name, "type": a.kind,
                  "score": getattr(a, "score", ""), "pourquoi": getattr(a, "why", "")} for a in items]
    return rows


@main.command("shadow-cci")
@territory_option
@click.option("--size", "size", type=click.IntRange(1), default=DEFAULT_SIZE, show_default=True,
              help="Nombre de membres de la composition proposée.")
@scope_options
def shadow_command(fmt: str, db: str, store: str, size: int, **scope) -> None:
    """Acteurs engagés absents des instances officielles, et composition d'une « CCI fantôme »."""
    from maillage.graph import analysis

    _emit(_run(analysis.shadow_cci, _project(db, store, **scope), size=size), fmt, _shadow_table, _shadow_rows)


# --- relays -----------------------------------------------------------------------------------

def _relays_table(r: analysis.RelaysResult) -> str:
    from maillage.cli.tables import legend, table

    base = f" ; déjà atteintes par {r.depuis.name} : {r.baseline_reach}" if r.depuis else ""
    lines = [f"Acteurs relais — {r.territoire}",
             f"Segment : {r.segment} ; entreprises visées : {r.target_count}{base}", "",
             table(["Relais", "Type", "Portée", "Portée marginale"],
                   [[x.name, _kind(x.kind), x.reach, x.marginal_reach] for x in r.ranking]), "",
             "Sélection gloutonne :",
             table(["#", "Relais", "Gain", "Part cumulée"],
                   [[i, x.name, x.gain, _pct(x.cumulative_share)] for i, x in enumerate(r.selection, 1)]), "",
             legend({"Portée": "entreprises visées liées au relais",
                     "Portée marginale": "celles que l'acteur de --depuis n'atteint pas déjà",
                     "Gain": "entreprises nouvellement atteintes en ajoutant ce relais aux précédents",
                     "Part cumulée": "part des entreprises visées atteintes jusqu'ici"})]
    return "\n".join(lines)


def _relays_rows(r: analysis.RelaysResult) -> list[dict]:
    picked = {x.id: (i, x) for i, x in enumerate(r.selection, 1)}
    return [{"id": x.id, "nom": x.name, "type": x.kind, "portee": x.reach, "portee_marginale": x.marginal_reach,
             "rang_selection": picked[x.id][0] if x.id in picked else "",
             "gain": picked[x.id][1].gain if x.id in picked else "",
             "part_cumulee": picked[x.id][1].cumulative_share if x.id in picked else ""} for x in r.ranking]


@main.command("relays")
@territory_option
@click.option("--segment", default=DEFAULT_SEGMENT, show_default=True,
              help="Entreprises visées : tailles ou secteurs séparés par | (ex. TPE|PME).")
@click.option("--depuis", default="", help="Acteur dont la portée existante est déduite (ex. l'agence).")
@click.option("--k", "k", type=click.IntRange(1), default=DEFAULT_K, show_default=True,
              help="Nombre de relais à sélectionner.")
@scope_options
def relays_command(fmt: str, db: str, store: str, segment: str, depuis: str, k: int, **scope) -> None:
    """Acteurs relais classés par portée auprès des entreprises visées, et meilleure sélection de k relais."""
    from maillage.graph import analysis

    result = _run(analysis.relays, _project(db, store, **scope), segment=segment, depuis=depuis, k=k)
    _emit(result, fmt, _relays_table, _relays_rows)


# --- peers ------------------------------------------------------------------------------------

def _peers_table(r: analysis.PeersResult) -> str:
    from maillage.cli.tables import legend, table

    lines = [f"Pairs à convaincre — {r.elu.name} — {r.territoire}", "",
             table(["Élu", "Position", "Score", "Influence", "Dist.", "Chemin"],
                   [[p.name, label("stance", p.stance), f"{p.score:.3f}", f"{p.influence:.3f}", p.distance,
                     " > ".join(p.paths[0]) if p.paths else ""] for p in r.peers])]
    if r.unreachable:
        lines += ["", f"Injoignables ({len(r.unreachable)}) : {_names(r.unreachable)}"]
    lines += ["", legend({"Influence": "centralité de degré de l'élu parmi les personnes et les instances (0 à 1)",
                          "Dist.": "distance, nombre de liens du plus court chemin depuis l'élu de départ",
                          "Score": "influence × 1 / distance",
                          "Chemin": "un plus court chemin ; tous les chemins et leurs organisations (canaux) "
                                    "sont dans --format json ou csv"})]
    return "\n".join(lines)


def _peers_rows(r: analysis.PeersResult) -> list[dict]:
    rows = [{"id": p.id, "nom": p.name, "position": p.stance, "score": p.score, "influence": p.influence,
             "joignabilite": p.reachability, "chemins": " | ".join(" > ".join(x) for x in p.paths),
             "canaux": "|".join(p.channels)} for p in r.peers]
    rows += [{"id": p.id, "nom": p.name, "position": p.stance, "score": 0, "influence": p.influence,
              "joignabilite": 0, "chemins": "", "canaux": ""} for p in r.unreachable]
    return rows


@main.command("peers")
@territory_option
@click.option("--elu", required=True, help="L'élu(e) de départ (nom, alias ou identifiant).")
@scope_options
def peers_command(fmt: str, db: str, store: str, elu: str, **scope) -> None:
    """Pairs à convaincre : élus classés par influence × joignabilité, avec chemins et canaux."""
    from maillage.graph import analysis

    _emit(_run(analysis.peers, _project(db, store, **scope), elu), fmt, _peers_table, _peers_rows)


# --- network ----------------------------------------------------------------------------------

TOP = 20


def _network_table(r: analysis.NetworkResult) -> str:
    from maillage.cli.tables import legend, table

    lines = [f"Structure du réseau — {r.territoire} ({len(r.actors)} acteurs, {len(r.communities)} communautés)",
             "", f"Acteurs les plus intermédiaires (les {TOP} premiers) :",
             table(["Acteur", "Type", "Degré", "Interm.", "Prox.", "V. propre", "Comm."],
                   [[a.name, _kind(a.kind), a.degree, f"{a.betweenness:.3f}", f"{a.closeness:.3f}",
                     f"{a.eigenvector:.3f}", a.community] for a in r.actors[:TOP]]), "",
             legend({"Degré": "nombre d'acteurs liés",
                     "Interm.": "intermédiarité, part des plus courts chemins entre deux acteurs qui passent "
                                "par lui (0 à 1)",
                     "Prox.": "proximité, inverse de la distance moyenne aux autres acteurs (0 à 1)",
                     "V. propre": "vecteur propre, importance héritée de celle de ses voisins (0 à 1)",
                     "Comm.": "numéro de communauté, groupe d'acteurs plus liés entre eux qu'avec le reste"}), "",
             "Communautés :"]
    lines += [f"  {c.id} ({c.size}) : {_names(c.members)}" for c in r.communities if c.size > 1][:TOP]
    lines += ["", f"Passeurs entre communautés : {_names(r.brokers)}",
              f"Acteurs isolés ({len(r.isolated)}) : {_names(r.isolated)}"]
    return "\n".join(lines)


def _network_rows(r: analysis.NetworkResult) -> list[dict]:
    brokers = {b.id for b in r.brokers}
    return [{"id": a.id, "nom": a.name, "type": a.kind, "degre": a.degree, "intermediarite": a.betweenness,
             "proximite": a.closeness, "vecteur_propre": a.eigenvector, "communaute": a.community,
             "passeur": _yes(a.id in brokers), "isole": _yes(a.degree == 0)} for a in r.actors]


@main.command("network")
@territory_option
@scope_options
def network_command(fmt: str, db: str, store: str, **scope) -> None:
    """Structure du réseau : centralités, communautés, passeurs, isolés."""
    from maillage.graph import analysis
    from maillage.graph.analysis.network import EXACT_MAX, Children

    children = []

    def prepare(kb) -> None:
        """Fork the children for a large scope's measures (only a base of more than EXACT_MAX actors has
        one) before the read: small, they import igraph and NetworKit meanwhile."""
        if kb.store.actor_count() > EXACT_MAX:
            children.append(Children())

    try:
        G = _project(db, store, prepare, **scope)
        result = _run(analysis.network, G, *children)
    finally:
        for prepared in children:
            prepared.close()
    _emit(result, fmt, _network_table, _network_rows)


# --- compare ----------------------------------------------------------------------------------

def _compare_table(r: analysis.CompareResult) -> str:
    from maillage.cli.tables import table

    kinds = [["total", *r.actor_counts]] + [[_kind(row.code), *row.counts] for row in r.kinds]
    practices = [[row.label, *row.counts] for row in r.practices]
    return "\n".join([f"Comparaison des territoires : {' / '.join(r.territoires)}", "",
                      table(["Acteurs situés sur le territoire", *r.territoires], kinds), "",
                      table(["Pratiques", *r.territoires], practices)])


def _compare_rows(r: analysis.CompareResult) -> list[dict]:
    return [{"dimension": dim, "code": row.code, "libelle": row.label, **dict(zip(r.territoires, row.counts))}
            for dim, rows in (("type", r.kinds), ("pratique", r.practices)) for row in rows]


@main.command("compare")
@click.option("--territoire", "territoires", multiple=True, required=True,
              help="Territoire à comparer (répéter l'option : --territoire A --territoire B).")
@scope_options
def compare_command(fmt: str, db: str, store: str, territoires: tuple[str, ...], **scope) -> None:
    """Compare des territoires côte à côte : types d'acteurs et pratiques."""
    from maillage.graph import analysis

    base = _scope("", **scope)
    projections = _projections(db, store, [replace(base, territoire=t) for t in territoires])
    _emit(_run(analysis.compare, projections), fmt, _compare_table, _compare_rows)
