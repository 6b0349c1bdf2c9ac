"""Defaults of the analyses' parameters, importable without the analyses and their libraries (the command
line builds its options from them at start-up; :mod:`maillage.graph.analysis` reads them too)."""

#: Target firms of ``relays``: size bands or sectors separated by ``|``.
DEFAULT_SEGMENT = "TPE|PME"
#: Relays picked by ``relays``.
DEFAULT_K = 5
#: Members of the roster of ``shadow_cci``.
DEFAULT_SIZE = 12
