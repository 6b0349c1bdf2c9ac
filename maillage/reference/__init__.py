"""Official French reference data as sources of the knowledge base.

One module per published dataset, each turning one file into one
:class:`~maillage.graph.model.Batch` (a source of its own, like a document):

- :mod:`~maillage.reference.cog`: INSEE Code officiel géographique (régions, départements, communes);
- :mod:`~maillage.reference.epci`: INSEE "Intercommunalité – Métropole" (EPCI and their communes);
- :mod:`~maillage.reference.coordinates`: commune coordinates, averaged up the hierarchy;
- :mod:`~maillage.reference.rne`: Répertoire national des élus (maires, councillors, presidents);
- :mod:`~maillage.reference.sirene`: SIRENE establishments (and legal units) of the scope's communes.

Shared pieces: :mod:`~maillage.reference.streaming` (files read block by block with a progress bar
and a content hash), :mod:`~maillage.reference.officials` (official ids reconciled with the
territories and authorities the base already holds, and the ``--territoire`` filter) and
:mod:`~maillage.reference.sources` (one document per file; a newer vintage replaces the older).
"""
