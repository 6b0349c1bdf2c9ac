"""Commune coordinates: any CSV with the INSEE commune code and a latitude and longitude.

For example La Poste / data.gouv.fr's « Communes de France – base des codes postaux »
(https://www.data.gouv.fr/fr/datasets/communes-de-france-base-des-codes-postaux/:
``code_commune_INSEE,nom_commune_postal,code_postal,...,latitude,longitude,...``), or a file with
``COM`` / ``CODGEO`` and ``lat`` / ``lon``. A commune listed on several rows (one per postal code)
is placed at the mean of its rows. Every territory of the base above the file's communes (EPCI,
pays, département, région) is placed at the mean of its communes (an unweighted centre, good
enough to draw a marker). A decimal comma is read; a value that is no number, or out of range,
rejects its row.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyarrow.compute as pc

from maillage.graph.model import Territory
from maillage.graph.scope import ancestors
from maillage.reference.officials import Officials, TerritoryFilter, territory_filter
from maillage.reference.sources import SourceBatch
from maillage.reference.streaming import Columns, Stream

COORDINATES = Columns(
    {"code": ("code_commune_INSEE", "code_insee", "insee_com", "CODGEO", "COM", "code_commune", "code"),
     "lat": ("latitude", "lat", "latitude_mairie", "latitude_centre"),
     "lon": ("longitude", "lon", "lng", "longitude_mairie", "longitude_centre")},
    {"name": ("nom_commune_complet", "nom_commune", "LIBGEO", "LIBELLE", "nom")})


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def read_coordinates(path: Path, officials: Officials, query: str = "", progress: bool = True
                     ) -> tuple[SourceBatch, Stream, TerritoryFilter]:
    """The source of one coordinates file filtered to ``query``."""
    where = territory_filter(query, officials)
    stream = Stream(path, path.name, COORDINATES, progress)
    batch = SourceBatch("coordonnees", path, where.key)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    names: dict[str, str] = {}
    for record, lines in stream.batches():
        batch.read += record.num_rows
        mask = where.mask(record.column("code"), {"commune": record.column("code")})
        rows = (range(record.num_rows) if mask is None else pc.indices_nonzero(mask).to_pylist())
        codes, lats, lons, labels = (record.column(n).to_pylist() for n in ("code", "lat", "lon", "name"))
        for i in rows:
            lat, lon = _number(lats[i]), _number(lons[i])
            if not codes[i]:
                batch.reject(lines[i], "code commune vide")
            elif lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                batch.reject(lines[i], f"coordonnées illisibles : {lats[i]!r}, {lons[i]!r}")
            else:
                total = sums[codes[i]]
                total[0] += lat
                total[1] += lon
                total[2] += 1
                names.setdefault(codes[i], labels[i] or codes[i])
    batch.errors += stream.errors
    graph = officials.graph
    above: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, count) in sums.items():
        point = (round(lat / count, 5), round(lon / count, 5))
        territory_id = officials.territory_id("commune", code)
        known = officials.known("commune", code)
        batch.territory(Territory(territory_id, known.name if known else names[code], "commune", code, "", *point))
        for parent in ancestors(graph, [territory_id]):
            above[parent].append(point)
    for territory_id, points in above.items():
        known = graph.territories[territory_id]
        batch.territory(Territory(territory_id, known.name, known.level, known.code, "",
                                  round(sum(p[0] for p in points) / len(points), 5),
                                  round(sum(p[1] for p in points) / len(points), 5)))
    return batch, stream, where
