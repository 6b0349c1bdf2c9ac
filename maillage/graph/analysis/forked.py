"""A computation that holds the interpreter (igraph's C code does) run in a forked child process, so
that the parent's threads go on with other work on the other core.

The child inherits the parent's memory (copy on write: nothing is pickled), computes, writes the float
array it returns through a pipe and leaves with :func:`os._exit` (no exit handler, no flush of the
parent's buffers). Where ``fork`` is unsafe or missing (not Linux), or when the child fails, the
computation runs in the calling process: the answer is the same either way.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

import numpy as np


def in_child(compute: Callable[[], np.ndarray]) -> Callable[[], np.ndarray]:
    """Start ``compute`` in a forked child; return the function that waits for its float64 array."""
    if sys.platform != "linux":
        return compute
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave at once whatever happens
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as sink:
                sink.write(np.ascontiguousarray(compute(), dtype=np.float64).tobytes())
            status = 0
        finally:
            os._exit(status)
    os.close(write)

    def result() -> np.ndarray:
        with os.fdopen(read, "rb") as source:
            data = source.read()
        _, status = os.waitpid(pid, 0)
        return np.frombuffer(data, np.float64).copy() if status == 0 else compute()

    return result
