#!/usr/bin/env python3
"""Score the extraction on a corpus against its gold answer keys, one document at a time.

    python scripts/evaluate.py [CORPUS_DIR] [GOLD_DIR] [--heldout] [--scorer SCORE.py] [--direct] [--show] [--only TEXT]

For each document ``NAME.txt`` (or ``NAME.html``, ``NAME.md``) of CORPUS_DIR (default ../shared/corpus)
with a gold file ``NAME.gold.json`` in GOLD_DIR (default: CORPUS_DIR when it holds gold files, else
../shared/eval/gold): a fresh temporary database, ``maillage ingest DOC``, ``maillage export --format
json``, then the scorer (default GOLD_DIR/../score.py, else ../shared/eval/score.py). ``--heldout``
scores the project's own held-out set, eval/heldout (documents and keys side by side). ``--direct`` runs the extractor in-process and writes the export JSON
itself (the fast development loop). Prints each document's scores and the mean of each figure.
Suggested links are scored apart from a second export with ``--avec-suggestions``: ``link_P`` is the
precision of the automatic links (the default export), ``sugg_R`` the recall of automatic and
suggested links together, ``sugg/auto`` the number of suggested links per automatic link.
``--show`` also lists, per document, the scorer's view of the actors: predicted actors matching no
gold actor (FP), matched ones whose primary kind is wrong (KIND) and gold actors left unmatched (FN), and gold links with an unmatched end (LINK).
``--only TEXT`` keeps the documents whose file name contains TEXT; ``--exclude PREFIX`` (repeatable) leaves out
the documents whose file name starts with PREFIX (e.g. a blind control kept out of the development loop).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The document formats scored (the loaders' text formats).
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: The project's held-out set: invented documents and their keys (see eval/heldout/README.md).
HELDOUT = Path(__file__).resolve().parent.parent / "eval" / "heldout"
#: The shared scorer, used when the gold directory has no score.py beside it.
SHARED_SCORER = Path("../shared/eval/score.py")

FIGURES = (("organisations", "f1"), ("people", "f1"), ("links", "f1"), ("links_typed", "f1"))


def export_direct(doc_path: Path, out: Path, extractor, suggested: Path) -> None:
    """Extract one document in-process and write the export JSON the scorer reads (and, to ``suggested``,
    the export with the suggested links)."""
    from maillage.graph.export import to_json
    from maillage.graph.facts import merge_batches
    from maillage.graph.model import Document, content_id

    from maillage.ingest.loaders import load

    data = doc_path.read_bytes()
    loaded = load(doc_path)
    document = Document(id=content_id(data), path=str(doc_path), title=loaded.title)  # as ingest records it
    batch = extractor.extract(loaded.text, document)
    graph = merge_batches([batch])
    out.write_text(json.dumps(to_json(graph), ensure_ascii=False), encoding="utf-8")
    suggested.write_text(json.dumps(to_json(graph, suggestions=True), ensure_ascii=False), encoding="utf-8")


def export_cli(doc_path: Path, out: Path, workdir: Path, suggested: Path) -> None:
    """Ingest one document into a fresh database with the CLI and export it as JSON, without and (to
    ``suggested``) with the suggested links."""
    db = workdir / "db"
    maillage = [str(Path(sys.executable).with_name("maillage"))]
    store = ["--db", str(db), "--store", "ladybug"]
    for command in (["ingest", *store, "--quiet", str(doc_path)],
                    ["export", *store, "--format", "json", "--output", str(out)],
                    ["export", *store, "--format", "json", "--avec-suggestions", "--output", str(suggested)]):
        done = subprocess.run([*maillage, *command], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"maillage {command[0]} a échoué pour {doc_path.name} : {done.stderr.strip()}")


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    """Run the scorer and return its JSON result."""
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout[:done.stdout.rindex("}") + 1])


def load_scorer(path: Path):
    """The scorer as a module (its ``match``, ``merge_gold`` and ``is_person``)."""
    spec = importlib.util.spec_from_file_location("gold_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def show(scorer, gold: Path, pred: Path) -> None:
    """Print the FP, KIND and FN actors of one document as the scorer matches them, then the gold
    links that cannot match because an end is unmatched (LINK)."""
    gold_actors, gold_links = scorer.merge_gold([str(gold)])
    actors = json.loads(pred.read_text(encoding="utf-8"))["actors"]
    found: set[int] = set()
    for person in (False, True):
        g_idx = [i for i, a in enumerate(gold_actors) if scorer.is_person(a) == person]
        p_idx = [i for i, a in enumerate(actors) if scorer.is_person(a) == person]
        pairs = scorer.match([gold_actors[i] for i in g_idx], [actors[i] for i in p_idx])
        matched = {p_idx[p]: g_idx[g] for p, g in pairs.items()}
        for i in p_idx:
            actor = actors[i]
            if i not in matched:
                print(f"  FP   {actor['name']} {actor['kinds']} {actor['aliases'][:3]}")
            elif actor["kinds"][0] not in gold_actors[matched[i]]["kinds"]:
                print(f"  KIND {actor['name']} {actor['kinds']} gold {gold_actors[matched[i]]['kinds']}")
        for i in sorted(set(g_idx) - set(matched.values())):
            print(f"  FN   {gold_actors[i]['name']} {gold_actors[i]['kinds']} {gold_actors[i]['aliases'][:3]}")
        found.update(matched.values())
    for kind, source, target in gold_links:
        lost = [gold_actors[int(end[1:])]["name"] for end in (source, target) if int(end[1:]) not in found]
        if lost:
            print(f"  LINK {gold_actors[int(source[1:])]['name']} {kind} {gold_actors[int(target[1:])]['name']}"
                  f" (unmatched: {', '.join(lost)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="documents (default ../shared/corpus)")
    ap.add_argument("gold", nargs="?", type=Path, help="NAME.gold.json keys (default: CORPUS if it holds keys,"
                                                         " else ../shared/eval/gold)")
    ap.add_argument("--heldout", action="store_true", help="score the project's held-out set, eval/heldout")
    ap.add_argument("--scorer", type=Path, help="score.py (default: GOLD/../score.py)")
    ap.add_argument("--direct", action="store_true", help="extract in-process instead of ingest + export")
    ap.add_argument("--show", action="store_true", help="list the FP, KIND and FN actors of each document")
    ap.add_argument("--only", default="", help="only the documents whose file name contains this text")
    ap.add_argument("--exclude", action="append", default=[], metavar="PREFIX",
                    help="leave out the documents whose file name starts with PREFIX (repeatable)")
    args = ap.parse_args(argv)
    if args.heldout:
        args.corpus = args.gold = HELDOUT
    args.corpus = args.corpus or Path("../shared/corpus")
    if args.gold is None:
        args.gold = args.corpus if any(args.corpus.glob("*.gold.json")) else Path("../shared/eval/gold")
    scorer = args.scorer or args.gold.parent / "score.py"
    if not scorer.exists():
        scorer = SHARED_SCORER
    extractor = None
    if args.direct:
        from maillage.nlp import Extractor
        extractor = Extractor()
    totals: dict[str, list[float]] = {}
    documents = (p for p in args.corpus.iterdir() if p.suffix in DOCUMENT_SUFFIXES)
    for doc_path in sorted(documents):
        gold = args.gold / f"{doc_path.stem}.gold.json"
        if not gold.exists() or args.only not in doc_path.name \
                or any(doc_path.name.startswith(prefix) for prefix in args.exclude):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pred, suggested = Path(tmp) / "export.json", Path(tmp) / "suggested.json"
            began = time.perf_counter()
            if extractor is not None:
                export_direct(doc_path, pred, extractor, suggested)
            else:
                export_cli(doc_path, pred, Path(tmp), suggested)
            seconds = time.perf_counter() - began
            result = score(scorer, gold, pred)
            with_suggestions = score(scorer, gold, suggested)["links"]
            if args.show:
                show(load_scorer(scorer), gold, pred)
        line = [f"{doc_path.name}:"]
        for key, field in FIGURES:
            value = result[key][field]
            totals.setdefault(key, []).append(value)
            line.append(f"{key}_f1={value:.3f}")
        totals.setdefault("kind_accuracy", []).append(result["kind_accuracy"])
        links = result["links"]
        ratio = (with_suggestions["pred"] - links["pred"]) / max(1, links["pred"])
        for key, value in (("link_P", links["p"]), ("sugg_R", with_suggestions["r"]), ("sugg/auto", ratio)):
            totals.setdefault(key, []).append(value)
            line.append(f"{key}={value:.3f}")
        org = result["organisations"]
        line.append(f"kind_acc={result['kind_accuracy']:.3f} (org P={org['p']:.3f} R={org['r']:.3f}"
                    f" tp={org['tp']} pred={org['pred']} gold={org['gold']}; {seconds:.1f} s)")
        print(" ".join(line), flush=True)
    if totals:
        summary = " ".join(f"{k}={sum(v) / len(v):.3f}" for k, v in totals.items())
        print(f"MEAN over {len(totals['organisations'])} documents: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
