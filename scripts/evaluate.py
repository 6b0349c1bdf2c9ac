#!/usr/bin/env python3
"""Score the extraction on a corpus against its gold answer keys, one document at a time.

    python scripts/evaluate.py [CORPUS_DIR] [GOLD_DIR] [--scorer SCORE.py] [--direct]

For each document ``NAME.txt`` of CORPUS_DIR (default ../shared/corpus) with a gold file
``NAME.gold.json`` in GOLD_DIR (default ../shared/eval/gold): a fresh temporary database,
``maillage ingest DOC``, ``maillage export --format json``, then the scorer (default
GOLD_DIR/../score.py). ``--direct`` runs the extractor in-process and writes the export JSON
itself (the fast development loop). Prints each document's scores and the mean of each figure.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIGURES = (("organisations", "f1"), ("people", "f1"), ("links", "f1"), ("links_typed", "f1"))


def export_direct(doc_path: Path, out: Path, extractor) -> None:
    """Extract one document in-process and write the export JSON the scorer reads."""
    from maillage.graph.export import to_json
    from maillage.graph.facts import merge_batches
    from maillage.graph.model import Document, content_id

    data = doc_path.read_bytes()
    document = Document(id=content_id(data), path=str(doc_path), title=doc_path.stem)
    batch = extractor.extract(data.decode("utf-8"), document)
    out.write_text(json.dumps(to_json(merge_batches([batch])), ensure_ascii=False), encoding="utf-8")


def export_cli(doc_path: Path, out: Path, workdir: Path) -> None:
    """Ingest one document into a fresh database with the CLI and export it as JSON."""
    db = workdir / "db"
    maillage = [str(Path(sys.executable).with_name("maillage"))]
    store = ["--db", str(db), "--store", "ladybug"]
    for command in (["ingest", *store, "--quiet", str(doc_path)],
                    ["export", *store, "--format", "json", "--output", str(out)]):
        done = subprocess.run([*maillage, *command], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"maillage {command[0]} a échoué pour {doc_path.name} : {done.stderr.strip()}")


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    """Run the scorer and return its JSON result."""
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout[:done.stdout.rindex("}") + 1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    ap.add_argument("gold", nargs="?", default="../shared/eval/gold", type=Path)
    ap.add_argument("--scorer", type=Path, help="score.py (default: GOLD/../score.py)")
    ap.add_argument("--direct", action="store_true", help="extract in-process instead of ingest + export")
    args = ap.parse_args(argv)
    scorer = args.scorer or args.gold.parent / "score.py"
    extractor = None
    if args.direct:
        from maillage.nlp import Extractor
        extractor = Extractor()
    totals: dict[str, list[float]] = {}
    for doc_path in sorted(args.corpus.glob("*.txt")):
        gold = args.gold / f"{doc_path.stem}.gold.json"
        if not gold.exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "export.json"
            began = time.perf_counter()
            if extractor is not None:
                export_direct(doc_path, pred, extractor)
            else:
                export_cli(doc_path, pred, Path(tmp))
            seconds = time.perf_counter() - began
            result = score(scorer, gold, pred)
        line = [f"{doc_path.name}:"]
        for key, field in FIGURES:
            value = result[key][field]
            totals.setdefault(key, []).append(value)
            line.append(f"{key}_f1={value:.3f}")
        totals.setdefault("kind_accuracy", []).append(result["kind_accuracy"])
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
