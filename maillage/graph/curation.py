"""The curation layer: an append-only list of decisions applied on top of extracted and imported facts.

The graph a user sees is ``apply_decisions(store.read(), store.decisions())``:
re-ingesting a document or rebuilding the database from the same sources plus
the exported decisions gives the same curated graph, since decisions are never
stored into the facts themselves.

Actions and their parameters (``params``):

- ``merge``: ``{"source": id, "target": id}``; source is folded into target
  (its names become aliases, its links move to target).
- ``reject_link``: ``{"source", "kind", "target"}``.
- ``add_link``: ``{"source", "kind", "target", "confidence"?, "note"?, "target_type"?}``.
- ``rename``: ``{"actor", "name"}``; the old name becomes an alias.
- ``set_kinds``: ``{"actor", "kinds": [...]}``; ``set_roles``: ``{"actor", "roles": [...]}``.
- ``set_stance``: ``{"actor", "stance"}`` among ``convaincu, indecis, oppose, inconnu``.
- ``undo``: ``{"decision": id}``; cancels an earlier decision.

Semantics of :func:`apply_decisions` (pure: the input graph is never mutated;
deterministic: the same graph and decisions always give the same result):

- **Undo** is resolved first, from the last decision back to the first: a
  decision is *active* unless a later active ``undo`` names it. So undoing an
  undo restores the decision it had cancelled. An undo naming an unknown or
  later decision has no effect. Active decisions are then applied in order.
- **Ids resolve through merges**: once A is merged into B, every later
  decision naming A acts on B (so chains A→B then B→C end in C, and merging
  into an actor that was itself merged goes to where it went).
- **merge** A into B: B keeps its name, id, primary kind and attributes; A's
  name and aliases become aliases of B; kinds, roles and territories are the
  union (B's first); A's attributes fill the ones B lacks. Every link of A
  moves to B; a link that becomes a self-link is dropped; two links that
  become the same ``(source, kind, target)`` are folded into one whose
  evidence is the evidence of both.
- **reject_link** removes the link (for a symmetric kind such as
  ``PARTNER_OF``, in both directions). A later ``add_link`` adds it again.
- **add_link** adds the link, or adds its evidence to the existing one, with
  evidence ``document="curation"``, ``method="curation"``, the given
  confidence (1.0 by default) and the note as sentence.
- **rename** sets the name; the old name becomes an alias and the new name
  leaves the aliases. **set_kinds** / **set_roles** replace the lists;
  **set_stance** sets the ``stance`` attribute.
- A decision naming an actor (or a link end) absent from the graph is kept
  but has no effect; it applies again as soon as the facts come back, for
  instance after re-ingesting a document.
"""
from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from maillage.errors import InputError, MaillageError
from maillage.graph import taxonomy
from maillage.graph.model import NODE_TYPES, Actor, Evidence, Graph, Link

ACTIONS: dict[str, tuple[str, ...]] = {
    "merge": ("source", "target"),
    "reject_link": ("source", "kind", "target"),
    "add_link": ("source", "kind", "target"),
    "rename": ("actor", "name"),
    "set_kinds": ("actor", "kinds"),
    "set_roles": ("actor", "roles"),
    "set_stance": ("actor", "stance"),
    "undo": ("decision",),
}

#: Optional parameters, beside the required ones of :data:`ACTIONS`.
OPTIONAL_PARAMS: dict[str, tuple[str, ...]] = {"add_link": ("confidence", "note", "target_type")}

#: The document id and method of the evidence an ``add_link`` decision carries.
CURATION_DOCUMENT = "curation"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Decision:
    """One curation decision: who decided what, when."""

    action: str
    params: dict = field(default_factory=dict)
    author: str = "anonyme"
    at: str = field(default_factory=now_iso)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Decision":
        return cls(action=data["action"], params=dict(data.get("params") or {}),
                   author=data.get("author") or "anonyme", at=data.get("at") or now_iso(),
                   id=data.get("id") or uuid.uuid4().hex)

    def params_json(self) -> str:
        return json.dumps(self.params, ensure_ascii=False, sort_keys=True)


# --- validation -------------------------------------------------------------------------------

def _text_param(decision: Decision, name: str) -> str:
    value = decision.params.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"décision {decision.action} : le paramètre {name!r} doit être un texte non vide")
    return value


def _list_param(decision: Decision, name: str) -> list:
    value = decision.params.get(name)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InputError(f"décision {decision.action} : le paramètre {name!r} doit être une liste de codes")
    return list(value)


def _check_link_params(decision: Decision, where: str) -> None:
    taxonomy.check("link", _text_param(decision, "kind"), where)
    target_type = decision.params.get("target_type", "actor")
    if target_type not in NODE_TYPES:
        raise InputError(f"{where} : type de cible inconnu {target_type!r} (types : {', '.join(NODE_TYPES)})")
    if target_type == "service":
        taxonomy.check("service", decision.params["target"], where)
    confidence = decision.params.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0.0 <= confidence <= 1.0:
        raise InputError(f"{where} : la confiance doit être un nombre entre 0 et 1, pas {confidence!r}")
    note = decision.params.get("note", "")
    if not isinstance(note, str):
        raise InputError(f"{where} : la note doit être un texte")


def validate_decision(decision: Decision) -> Decision:
    """Return the decision if its action and parameters are well formed; raise a French error otherwise.

    Checks the action, the presence and type of every required parameter, and
    every code (link kind, actor kinds, roles, stance, service, target type)
    against the taxonomy. Whether the actors exist is not checked: a decision
    about an absent actor is legitimate (it waits for the facts to come back).
    """
    if decision.action not in ACTIONS:
        raise InputError(f"action de curation inconnue : {decision.action!r} "
                         f"(actions : {', '.join(ACTIONS)})")
    allowed = set(ACTIONS[decision.action]) | set(OPTIONAL_PARAMS.get(decision.action, ()))
    unknown = sorted(set(decision.params) - allowed)
    if unknown:
        raise InputError(f"décision {decision.action} : paramètre inconnu {unknown[0]!r} "
                         f"(paramètres : {', '.join(sorted(allowed))})")
    where = f"décision {decision.action}"
    for name in ACTIONS[decision.action]:
        if name not in decision.params:
            raise InputError(f"{where} : paramètre manquant {name!r}")
        if name not in ("kinds", "roles"):
            _text_param(decision, name)
    if decision.action in ("add_link", "reject_link"):
        _check_link_params(decision, where)
    elif decision.action == "merge" and decision.params["source"] == decision.params["target"]:
        raise InputError(f"{where} : un acteur ne peut pas être fusionné avec lui-même")
    elif decision.action == "set_kinds":
        kinds = _list_param(decision, "kinds")
        if not kinds:
            raise InputError(f"{where} : il faut au moins un type d'acteur")
        taxonomy.check_all("kind", kinds, where)
    elif decision.action == "set_roles":
        taxonomy.check_all("role", _list_param(decision, "roles"), where)
    elif decision.action == "set_stance":
        taxonomy.check("stance", decision.params["stance"], where)
    return decision


# --- application ------------------------------------------------------------------------------

def active_decisions(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions that take effect, in order: not undone by a later active undo; undos left out."""
    ordered = list(decisions)
    position = {d.id: i for i, d in enumerate(ordered)}
    cancelled: set[str] = set()
    for i in range(len(ordered) - 1, -1, -1):
        decision = ordered[i]
        if decision.action == "undo" and decision.id not in cancelled:
            target = decision.params.get("decision")
            if position.get(target, i) < i:
                cancelled.add(target)
    return [d for d in ordered if d.action != "undo" and d.id not in cancelled]


def _union(first: list[str], second: Iterable[str]) -> list[str]:
    return first + [v for v in dict.fromkeys(second) if v not in first]


class _Curator:
    """Applies decisions to a copy-on-write copy of a graph (the input's objects are never mutated)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = Graph(actors=dict(graph.actors), territories=dict(graph.territories),
                           programmes=dict(graph.programmes), links=dict(graph.links),
                           documents=dict(graph.documents))
        self.merged_into: dict[str, str] = {}
        self._incident: dict[str, set[tuple[str, str, str]]] | None = None

    # ids and links
    def resolve(self, actor_id: str) -> str:
        """Follow merges to the actor an id now stands for."""
        while actor_id in self.merged_into:
            actor_id = self.merged_into[actor_id]
        return actor_id

    def incident(self) -> dict[str, set[tuple[str, str, str]]]:
        """Link keys by actor id at either end (built on first need)."""
        if self._incident is None:
            self._incident = defaultdict(set)
            for key, link in self.graph.links.items():
                self._index(key, link, add=True)
        return self._incident

    def _index(self, key: tuple[str, str, str], link: Link, add: bool) -> None:
        ends = [link.source] + ([link.target] if link.target_type == "actor" else [])
        for end in ends:
            (self._incident[end].add if add else self._incident[end].discard)(key)

    def put_link(self, link: Link) -> None:
        """Add a link, folding its evidence into the link of the same key if there is one."""
        known = self.graph.links.get(link.key)
        if known is not None:
            evidence = known.evidence + [e for e in link.evidence if e not in known.evidence]
            link = replace(known, evidence=evidence)
        self.graph.links[link.key] = link
        if self._incident is not None:
            self._index(link.key, link, add=True)

    def drop_link(self, key: tuple[str, str, str]) -> Link | None:
        link = self.graph.links.pop(key, None)
        if link is not None and self._incident is not None:
            self._index(key, link, add=False)
        return link

    def target_exists(self, target: str, target_type: str) -> bool:
        stores = {"actor": self.graph.actors, "territory": self.graph.territories,
                  "programme": self.graph.programmes, "service": taxonomy.SERVICES}
        return target in stores[target_type]

    # actions
    def merge(self, params: dict) -> None:
        source, target = self.resolve(params["source"]), self.resolve(params["target"])
        actors = self.graph.actors
        if source == target or source not in actors or target not in actors:
            return
        gone, kept = actors.pop(source), actors[target]
        names = [a for a in _union(kept.aliases, [gone.name, *gone.aliases]) if a != kept.name]
        actors[target] = replace(kept, aliases=names, kinds=_union(kept.kinds, gone.kinds),
                                 roles=_union(kept.roles, gone.roles),
                                 territories=_union(kept.territories, gone.territories),
                                 attributes={**gone.attributes, **kept.attributes})
        self.merged_into[source] = target
        for key in sorted(self.incident().get(source, ())):
            link = self.drop_link(key)
            moved_target = target if link.target_type == "actor" and link.target == source else link.target
            moved_source = target if link.source == source else link.source
            if not (link.target_type == "actor" and moved_source == moved_target):
                self.put_link(replace(link, source=moved_source, target=moved_target))

    def reject_link(self, params: dict) -> None:
        source, kind = self.resolve(params["source"]), params["kind"]
        target = self.resolve(params["target"])
        self.drop_link((source, kind, target))
        if kind in taxonomy.SYMMETRIC_LINKS:
            self.drop_link((target, kind, source))

    def add_link(self, params: dict) -> None:
        target_type = params.get("target_type", "actor")
        source = self.resolve(params["source"])
        target = self.resolve(params["target"]) if target_type == "actor" else params["target"]
        if source not in self.graph.actors or not self.target_exists(target, target_type):
            return
        if target_type == "actor" and source == target:
            return
        evidence = Evidence(document=CURATION_DOCUMENT, sentence=params.get("note", ""),
                            confidence=float(params.get("confidence", 1.0)), method="curation")
        self.put_link(Link(source, params["kind"], target, [evidence], target_type))

    def update_actor(self, actor_id: str, **changes) -> Actor | None:
        """Replace an actor by a copy with ``changes``; None if the actor is absent."""
        actor_id = self.resolve(actor_id)
        actor = self.graph.actors.get(actor_id)
        if actor is not None:
            actor = self.graph.actors[actor_id] = replace(actor, **changes)
        return actor

    def rename(self, params: dict) -> None:
        actor = self.graph.actors.get(self.resolve(params["actor"]))
        if actor is not None and actor.name != params["name"]:
            aliases = [a for a in _union(actor.aliases, [actor.name]) if a != params["name"]]
            self.update_actor(actor.id, name=params["name"], aliases=aliases)

    def set_stance(self, params: dict) -> None:
        actor = self.graph.actors.get(self.resolve(params["actor"]))
        if actor is not None:
            self.update_actor(actor.id, attributes={**actor.attributes, "stance": params["stance"]})

    def apply(self, decision: Decision) -> None:
        params = decision.params
        if decision.action == "set_kinds":
            self.update_actor(params["actor"], kinds=list(dict.fromkeys(params["kinds"])))
        elif decision.action == "set_roles":
            self.update_actor(params["actor"], roles=list(dict.fromkeys(params["roles"])))
        else:
            getattr(self, decision.action)(params)


def apply_decisions(graph: Graph, decisions: list[Decision]) -> Graph:
    """The curated graph: ``graph`` with every active decision applied in order (see the module docstring).

    Pure and deterministic; decisions that are malformed are skipped (they are
    refused by :func:`validate_decision` before being stored).
    """
    curator = _Curator(graph)
    for decision in active_decisions(decisions):
        try:
            validate_decision(decision)
        except MaillageError:
            continue
        curator.apply(decision)
    return curator.graph


# --- files ---------------------------------------------------------------------------------

#: The largest decisions file read, in bytes (checked before reading).
MAX_DECISIONS_FILE_BYTES = 20 * 1024 * 1024
#: The longest author, and the longest text parameter, in characters.
MAX_AUTHOR_LENGTH = 200
MAX_PARAM_LENGTH = 5_000
#: The most codes in a list parameter (kinds, roles).
MAX_LIST_ITEMS = 100
#: The longest decision id, in characters.
MAX_ID_LENGTH = 128


def read_decisions_file(path: str | Path) -> list[Decision]:
    """Read and validate a decisions file (the ``export --format decisions`` format).

    Refused with one French line: a missing or oversized file, a file that is
    not UTF-8 JSON, JSON nested too deep for the parser, and any malformed
    decision (see :func:`decisions_from_json`).
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(f"fichier introuvable : {path}")
    size = file.stat().st_size
    if size > MAX_DECISIONS_FILE_BYTES:
        raise InputError(f"{path} : fichier de décisions trop volumineux ({size / 1048576:.0f} Mo, "
                         f"maximum {MAX_DECISIONS_FILE_BYTES // 1048576} Mo)")
    try:
        data = json.loads(file.read_bytes()[:MAX_DECISIONS_FILE_BYTES + 1].decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path} n'est pas un fichier texte UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} : JSON invalide (ligne {exc.lineno}, colonne {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{path} : JSON imbriqué trop profondément ; ce n'est pas un fichier de décisions") from None
    return decisions_from_json(data, where=str(path))


def _check_fields(item: dict) -> None:
    """Refuse (French line) a decision whose id, author, date or parameters have the wrong type or size."""
    decision_id = item.get("id", "x")
    if not (isinstance(decision_id, str) and 0 < len(decision_id) <= MAX_ID_LENGTH and decision_id.isprintable()):
        raise InputError(f"identifiant {decision_id!r} invalide (un texte de 1 à {MAX_ID_LENGTH} caractères "
                         "imprimables)"[:300])
    author = item.get("author", "anonyme")
    if not isinstance(author, str) or len(author) > MAX_AUTHOR_LENGTH:
        raise InputError(f"auteur invalide : un texte de {MAX_AUTHOR_LENGTH} caractères au plus est attendu")
    if "at" in item and not _is_iso_datetime(item["at"]):
        raise InputError(f"date {item['at']!r} invalide (date ISO 8601 attendue, "
                         f"par exemple 2026-03-01T09:30:00+00:00)"[:300])
    for name, value in (item.get("params") or {}).items():
        if not _is_param_value(value):
            raise InputError(f"paramètre {str(name)[:50]!r} invalide (un texte de {MAX_PARAM_LENGTH} caractères "
                             f"au plus, un nombre, ou une liste d'au plus {MAX_LIST_ITEMS} codes)")


def _is_iso_datetime(value: object) -> bool:
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_param_value(value: object) -> bool:
    """A text within :data:`MAX_PARAM_LENGTH`, a number, or a short list of short texts (no nesting)."""
    if isinstance(value, str):
        return len(value) <= MAX_PARAM_LENGTH
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return (isinstance(value, list) and len(value) <= MAX_LIST_ITEMS
            and all(isinstance(v, str) and len(v) <= MAX_AUTHOR_LENGTH for v in value))


def decisions_from_json(data: object, where: str = "fichier de décisions") -> list[Decision]:
    """Read and validate ``{"decisions": [Decision.to_json(), ...]}``; raise a French InputError otherwise.

    Each decision must be an object with a text ``action`` and an object
    ``params``; ``id`` (if given) a text of 1 to 128 printable characters; ``author`` (if given) a text of at most 200 characters; ``at`` (if
    given) an ISO 8601 date; every parameter a text of at most 5,000
    characters, a number, or a list of at most 100 texts; then the action and
    its parameters are checked by :func:`validate_decision`.
    """
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(f"{where} : il faut un objet JSON {{\"decisions\": [...]}}")
    decisions = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("action"), str) \
                or not isinstance(item.get("params", {}), dict):
            raise InputError(f"{where} : la décision n° {number} est mal formée")
        try:
            _check_fields(item)
            decisions.append(validate_decision(Decision.from_json(item)))
        except MaillageError as exc:
            raise InputError(f"{where}, décision n° {number} : {exc}") from None
    return decisions
