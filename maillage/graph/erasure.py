"""The right to be forgotten and the right of access for the persons the knowledge base names.

Definitions:

- The **person** is an actor of kind ``personne`` of the curated graph, named by
  id, name or alias (:func:`find_person`), together with the stored actors merged
  into it by curation decisions and the stored persons bearing one of its names.
- Its **names** are the ids, names and aliases of those actors, and the names
  that ``rename`` decisions gave them.
- **Erasing** it (:func:`plan_erasure` then :func:`erase`) rewrites every stored
  document that states it or names it: its actor facts (mentions, aliases) and
  every link with it at one end go, with their evidence; in the sentences, cues
  and titles that stay (evidence of other links), each of its names is replaced
  by :data:`REDACTED`. Every curation decision naming it (as actor, link end, new
  name or in a note) is deleted, with the undos of those decisions; the decisions
  the person made keep their content, under the author ``anonyme``.
- The **erasure record** holds no name: for each folded name
  (:func:`~maillage.graph.model.slugify`), an HMAC-SHA-256 under a random key kept
  beside the base (:func:`load_key`). Every later write drops the actors one of
  whose folded names, or whose id, has a recorded hash, their links, and their
  names in the sentences kept (:func:`forget_recorded`): ingesting the same
  documents again does not bring the person back.
- The embedded base is then **compacted** (rebuilt into a fresh file) so that no
  freed page keeps a byte of the name.
- The **access export** (:func:`person_record`) is everything the base holds about
  the person: its curated record, each document's statement about it, its links
  with their evidence, and the decisions naming it.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from maillage.errors import InputError, MaillageError
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.model import Actor, Batch, Document, Graph, Link, slugify

#: What replaces a name of an erased person in the sentences kept.
REDACTED = "[nom retiré]"
#: The kind of the actors that may be erased.
PERSON = "personne"
#: Decision parameters that name an actor.
ACTOR_PARAMS = ("actor", "source", "target")


# -- keyed hashes ---------------------------------------------------------------------------
def load_key(path: str | Path) -> bytes:
    """The erasure key kept at ``path`` (32 random bytes, created on first need, readable by its owner only)."""
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(32))
            out.flush()
            os.fsync(out.fileno())
    key = file.read_bytes()
    if len(key) != 32:
        raise InputError(f"{path} n'est pas une clé d'effacement valide (32 octets attendus)")
    return key


def name_hash(key: bytes, name: str) -> str:
    """The keyed hash of a folded name: what an erasure record keeps instead of the name."""
    return hmac.new(key, slugify(name).encode(), hashlib.sha256).hexdigest()


def _names(actor: Actor) -> set[str]:
    return {n for n in (actor.id, actor.name, *actor.aliases) if n and slugify(n)}


# -- removing a person from batches -----------------------------------------------------------
def _redactor(names: set[str]):
    """A function replacing every one of ``names`` by :data:`REDACTED`, whatever the case and the spaces
    or line breaks between its words (a PDF may break a name across lines)."""
    words = sorted({n.strip() for n in names if len(n.strip()) > 2}, key=len, reverse=True)
    if not words:
        return lambda text: text
    pattern = re.compile("|".join(r"\s+".join(map(re.escape, w.split())) for w in words), re.IGNORECASE)
    return lambda text: pattern.sub(REDACTED, text) if text else text


def without_person(batch: Batch, ids: set[str], names: set[str]) -> Batch:
    """A copy of the batch without these actors, their links, and their names in what is kept."""
    redact = _redactor(names)
    links = []
    for link in batch.links:
        if link.source in ids or (link.target_type == "actor" and link.target in ids):
            continue
        evidence = [replace(e, sentence=redact(e.sentence), cue=redact(e.cue)) for e in link.evidence]
        links.append(Link(link.source, link.kind, link.target, evidence, link.target_type))
    document = replace(batch.document, title=redact(batch.document.title))
    return Batch(document, [a for a in batch.actors if a.id not in ids], list(batch.territories),
                 list(batch.programmes), links)


def forget_recorded(batch: Batch, key: bytes, hashes: set[str]) -> Batch:
    """The batch without the actors an erasure record recognises (see the module docstring)."""
    erased = [a for a in batch.actors if any(name_hash(key, n) in hashes for n in _names(a))]
    ids = {a.id for a in erased}
    ends = {link.source for link in batch.links} | {l.target for l in batch.links if l.target_type == "actor"}
    ids |= {end for end in ends if name_hash(key, end) in hashes}
    if not ids:
        return batch
    return without_person(batch, ids, set().union(*(_names(a) for a in erased)) if erased else ids)


# -- planning an erasure ----------------------------------------------------------------------
@dataclass
class ErasurePlan:
    """What erasing a person removes (shown by ``maillage oublier --apercu``)."""

    person: Actor
    ids: set[str]
    names: set[str]
    rewritten: list[Batch] = field(default_factory=list)  # the documents' new facts
    documents: list[Document] = field(default_factory=list)
    mentions: int = 0
    links: int = 0
    redacted: int = 0
    decisions: list[Decision] = field(default_factory=list)
    authored: list[Decision] = field(default_factory=list)  # kept, their author made anonymous

    def summary(self) -> list[str]:
        """French lines describing the plan (without the person's name beyond the first line)."""
        return [f"Personne : {self.person.name} ({self.person.id})",
                f"Documents réécrits : {len(self.documents)}",
                *(f"  {d.path}" for d in self.documents),
                f"Mentions retirées : {self.mentions} ; liens retirés : {self.links} ; "
                f"phrases caviardées : {self.redacted} ; décisions retirées : {len(self.decisions)} ; "
                f"décisions rendues anonymes : {len(self.authored)}"]


def find_person(curated: Graph, reference: str, decisions: list[Decision] = ()) -> Actor:
    """The person a user names by id, name or alias (unambiguous); a French error otherwise.

    A person no document states any more, but whom decisions still name by id (a stance
    kept after every document naming them was removed), is found through those decisions.
    """
    if reference in curated.actors:
        found = [curated.actors[reference]]
    else:
        wanted = slugify(reference)
        found = [a for a in curated.actors.values() if wanted and any(slugify(n) == wanted for n in _names(a))]
    if not found:
        named = {d.params.get(p) for d in decisions for p in ACTOR_PARAMS} & {reference, slugify(reference)}
        if named:
            return Actor(sorted(named)[0], reference, [PERSON])
        raise InputError(f"personne introuvable : {reference!r} (identifiant, nom ou alias)")
    if len(found) > 1:
        raise InputError(f"nom ambigu : {reference!r} désigne {', '.join(sorted(a.id for a in found)[:5])} ; "
                         "donnez l'identifiant")
    if PERSON not in found[0].kinds:
        raise InputError(f"{found[0].id} n'est pas une personne (types : {', '.join(found[0].kinds)}) : "
                         "seules les personnes peuvent être effacées")
    return found[0]


def _identities(person: Actor, raw: Graph, decisions: list[Decision]) -> tuple[set[str], set[str]]:
    """The stored ids and the names of a person (see the module docstring)."""
    ids = {person.id}
    changed = True
    while changed:
        merged = {d.params.get("source") for d in decisions if d.action == "merge" and d.params.get("target") in ids}
        changed = not merged <= ids
        ids |= merged
    names = _names(person)
    for actor in raw.actors.values():
        if actor.id in ids or (PERSON in actor.kinds and {slugify(n) for n in _names(actor)}
                               & {slugify(n) for n in names}):
            ids.add(actor.id)
            names |= _names(actor)
    names |= {d.params["name"] for d in decisions if d.action == "rename" and d.params.get("actor") in ids}
    return ids, names


def _names_person(decision: Decision, ids: set[str], folded: set[str]) -> bool:
    """Whether a decision names the person: as actor or link end, or in a text parameter."""
    params = decision.params
    if any(params.get(p) in ids for p in ACTOR_PARAMS):
        return True
    return any(isinstance(v, str) and any(f in slugify(v) for f in folded) for v in params.values())


def plan_erasure(store, reference: str) -> ErasurePlan:
    """What erasing the person named ``reference`` changes in ``store``."""
    raw = store.read()
    decisions = store.decisions()
    person = find_person(apply_decisions(raw, decisions), reference, decisions)
    ids, names = _identities(person, raw, decisions)
    plan = ErasurePlan(person, ids, names)
    folded = {slugify(n) for n in names if len(slugify(n)) > 2}
    for batch in store.batches():
        kept = without_person(batch, ids, names)
        mentions = len(batch.actors) - len(kept.actors)
        links = len(batch.links) - len(kept.links)
        redacted = sum(1 for link in kept.links for e in link.evidence if REDACTED in e.sentence)
        if mentions or links or redacted or kept.document.title != batch.document.title:
            plan.rewritten.append(kept)
            plan.documents.append(batch.document)
            plan.mentions += mentions
            plan.links += links
            plan.redacted += redacted
    dropped = {d.id for d in decisions if _names_person(d, ids, folded)}
    dropped |= {d.id for d in decisions if d.action == "undo" and d.params.get("decision") in dropped}
    plan.decisions = [d for d in decisions if d.id in dropped]
    plan.authored = [d for d in decisions if d.id not in dropped and slugify(d.author) in folded]
    return plan


def erase(store, plan: ErasurePlan) -> None:
    """Carry out a plan: rewrite the documents, delete the decisions, record the erasure, compact the base."""
    key = load_key(store.erasure_key_path)
    store.rewrite(plan.rewritten, [d.id for d in plan.decisions], {name_hash(key, n) for n in plan.names},
                  [d.id for d in plan.authored])
    if hasattr(store, "compact"):
        try:
            store.compact()
        except MaillageError as exc:
            raise MaillageError(f"personne effacée de la base, mais ses pages libérées gardent encore son nom : "
                                f"{exc}") from None


# -- right of access --------------------------------------------------------------------------
def person_record(store, reference: str) -> dict:
    """Everything the base holds about a person, as JSON-ready data (see the module docstring)."""
    raw = store.read()
    decisions = store.decisions()
    curated = apply_decisions(raw, decisions)
    person = find_person(curated, reference, decisions)
    ids, names = _identities(person, raw, decisions)
    folded = {slugify(n) for n in names if len(slugify(n)) > 2}
    statements, links = [], []
    for batch in store.batches():
        for actor in batch.actors:
            if actor.id in ids:
                statements.append({"document": batch.document.id, "path": batch.document.path,
                                   "title": batch.document.title, "fact": asdict(actor)})
        for link in batch.links:
            if link.source in ids or (link.target_type == "actor" and link.target in ids):
                links.append({"document": batch.document.id, "source": link.source, "kind": link.kind,
                              "target": link.target, "target_type": link.target_type,
                              "evidence": [asdict(e) for e in link.evidence]})
    return {"person": asdict(person), "ids": sorted(ids), "names": sorted(names),
            "statements": statements, "links": links,
            "decisions": [d.to_json() for d in decisions if _names_person(d, ids, folded)]}
