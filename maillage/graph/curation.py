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
"""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

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
