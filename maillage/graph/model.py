"""The domain model: actors, territories, programmes, services, documents, links and their evidence.

Node identity:
- ``Actor.id`` is stable: given by an import, or derived from the canonical
  name by :func:`actor_id` for extracted actors, so that re-ingesting a
  document yields the same ids and curation decisions keep applying.
- ``Territory.id`` is ``"territoire:" + slug`` (or the official code when known),
  ``Programme.id`` is ``"programme:" + slug``, a service's id is its code.
- ``Document.id`` is the SHA-256 of the document's content (hex, 16 chars is not
  enough for a knowledge base meant to last: we keep all 64).

A :class:`Link` is ``(source, kind, target)`` plus the evidence that states it;
the same link stated by two documents carries two pieces of evidence. Links
always start at an actor; ``target_type`` tells which node type the target is.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from maillage.graph import taxonomy

NodeType = Literal["actor", "territory", "programme", "service"]
NODE_TYPES: tuple[str, ...] = ("actor", "territory", "programme", "service")

#: Attributes an actor may carry besides its names, kinds and roles.
ACTOR_ATTRIBUTES = ("siren", "size", "sector", "website", "stance", "function")


_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug: accents folded, every run of other characters turned into one hyphen."""
    if text.isascii():  # nothing to fold: three times faster on the names of a big scope
        return _NOT_SLUG.sub("-", text.lower()).strip("-")
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z]+", "-", folded).strip("-")


def actor_id(name: str) -> str:
    """The stable id of an extracted actor, from its canonical name."""
    return slugify(name) or "acteur"


def territory_id(name: str) -> str:
    return "territoire:" + slugify(name)


def programme_id(name: str) -> str:
    return "programme:" + slugify(name)


def content_id(data: bytes) -> str:
    """A document's id: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """What states a link: where, in which words, found how, with which confidence."""

    document: str
    sentence: str = ""
    start: int = 0  # character span of the sentence (or cue) in the document's original text
    end: int = 0
    cue: str = ""
    confidence: float = 1.0
    method: str = "import"
    page: int | None = None

    def __post_init__(self) -> None:
        taxonomy.check("method", self.method, f"preuve du document {self.document}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confiance hors de [0, 1] : {self.confidence}")


@dataclass
class Actor:
    """An organisation, a governance body or a named person. ``kinds[0]`` is the primary kind."""

    id: str
    name: str
    kinds: list[str]
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    territories: list[str] = field(default_factory=list)  # territory ids
    attributes: dict[str, str] = field(default_factory=dict)

    def validate(self, where: str = "") -> "Actor":
        """Check every code against the taxonomy; return self."""
        where = where or f"acteur {self.id}"
        if not self.kinds:
            raise taxonomy.TaxonomyError("type d'acteur", "", where)
        self.kinds = taxonomy.check_all("kind", self.kinds, where)
        self.roles = taxonomy.check_all("role", self.roles, where)
        stance = self.attributes.get("stance")
        if stance:
            taxonomy.check("stance", stance, where)
        return self

    @property
    def kind(self) -> str:
        return self.kinds[0]


@dataclass
class Territory:
    id: str
    name: str
    level: str = "autre"
    code: str = ""  # official code (INSEE, SIREN of an EPCI) when known
    parent: str = ""  # id of the enclosing territory, when known
    lat: float | None = None  # WGS84 coordinates of its centre, when known (a commune's, or the mean of its parts')
    lon: float | None = None

    def validate(self, where: str = "") -> "Territory":
        taxonomy.check("level", self.level, where or f"territoire {self.id}")
        return self


@dataclass
class Programme:
    """A programme, scheme, label or fund (LEADER, FEDER...): never an actor."""

    id: str
    name: str


@dataclass
class Document:
    id: str
    path: str
    title: str = ""
    ingested_at: str = ""  # ISO 8601, UTC
    pages: int = 0
    words: int = 0
    source: str = "document"  # "document" for an ingested text, "import" for a CSV pair


@dataclass
class Link:
    source: str
    kind: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)
    target_type: str = "actor"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.kind, self.target)

    @property
    def confidence(self) -> float:
        """The confidence of a link is the best confidence of its evidence."""
        return max((e.confidence for e in self.evidence), default=1.0)

    @property
    def methods(self) -> set[str]:
        return {e.method for e in self.evidence}

    def validate(self, where: str = "") -> "Link":
        where = where or f"lien {self.source} -> {self.target}"
        taxonomy.check("link", self.kind, where)
        if self.target_type not in NODE_TYPES:
            raise ValueError(f"type de cible inconnu : {self.target_type!r} ({where})")
        if self.target_type == "service":
            taxonomy.check("service", self.target, where)
        return self


@dataclass
class Batch:
    """The facts of one document (or one CSV import), written to a store in one transaction."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def validate(self) -> "Batch":
        for actor in self.actors:
            actor.validate()
        for territory in self.territories:
            territory.validate()
        for link in self.links:
            link.validate()
        return self


@dataclass
class Graph:
    """A whole graph in memory: what the stores return and what curation, scoping and exports take."""

    actors: dict[str, Actor] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    links: dict[tuple[str, str, str], Link] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
