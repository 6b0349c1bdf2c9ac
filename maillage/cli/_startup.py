"""Start-up of the commands that read the snapshot: what they need, without what they do not."""
from __future__ import annotations

import sys


def pyarrow_without_pandas() -> None:
    """Let pyarrow find no pandas the first time it looks (0.4 s of a 1 s ``stats``).

    pyarrow imports pandas the first time it converts anything (``pa.array``, ``pa.scalar``), only to
    recognise pandas objects, which these commands never hand it. Its check runs once here with pandas
    hidden; pandas stays importable, and pyarrow imports it after all if a pandas conversion
    (``to_pandas``) is asked.
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder refusing pandas."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas":
            raise ImportError("pandas hidden from pyarrow's first check")
        return None
