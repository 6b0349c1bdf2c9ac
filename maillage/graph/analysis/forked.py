"""A computation that holds the interpreter (igraph's C code does) run in a forked child process, so
that the parent's threads go on with other work on the other core.

The child inherits the parent's memory (copy on write), computes, writes its pickled result through a
pipe and leaves with :func:`os._exit` (no exit handler, no flush of the parent's buffers). Where
``fork`` is unsafe or missing (not Linux), when the system refuses it, or when the child fails, the
computation runs in the calling process: the answer is the same either way.

:func:`in_child` forks when the computation is asked for. A :class:`Prepared` child is forked in
advance, while the process is still small, and gets its work later: it spends the wait importing what
the work needs (on a core the parent leaves idle while it reads a base), and nothing of the big heap
the parent builds meanwhile is shared with it, so neither process pays copies of that heap's pages
(after a late fork, every page the parent touched was copied: 0.1 s of system time on a
100,000-actor network). Its work's function and arguments are pickled to it through a second pipe.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any, Callable

#: The parent's ends of the pipes of the prepared children still waiting: a child forked later closes
#: them, so that a prepared child sees the end of its pipe as soon as the parent is gone.
_WAITING: set[int] = set()


def in_child(compute: Callable[[], Any]) -> Callable[[], Any]:
    """Start ``compute`` in a forked child; return the function that waits for its result."""
    if sys.platform != "linux":
        return compute
    read, write = os.pipe()
    pid = _fork(read, write)
    if pid is None:
        return compute
    if pid == 0:  # the child: compute, send, leave at once whatever happens
        os.close(read)
        _serve(write, compute)
    os.close(write)
    return _waiter(pid, read, compute)


class Prepared:
    """A child forked now that runs ``warm`` (imports) at once, then waits for the one function it is
    given (:meth:`submit`); :meth:`close` ends it if its result was not read. ``pid`` is the child's
    until its result is read (0 without a child), ``_job`` the parent's end of its work's pipe until the
    work is written (None after)."""

    def __init__(self, warm: Callable[[], Any]) -> None:
        self.pid = 0
        if sys.platform != "linux":
            return
        job_read, self._job = os.pipe()
        self._result, result_write = os.pipe()
        pid = _fork(job_read, self._job, self._result, result_write)
        if pid is None:
            return
        self.pid = pid
        if self.pid == 0:
            os.close(self._job)
            os.close(self._result)
            _serve(result_write, lambda: _received(job_read, warm))
        os.close(job_read)
        os.close(result_write)
        _WAITING.update((self._job, self._result))

    def submit(self, func: Callable[..., Any], *args) -> Callable[[], Any]:
        """Have the child compute ``func(*args)`` (both pickled; beyond what the pipe holds, the writing
        waits for the child to be done warming); return the function that waits for the result."""
        compute = lambda: func(*args)  # noqa: E731
        if not self.pid or self._job is None:
            return compute
        job, self._job = self._job, None
        _WAITING.discard(job)
        try:
            with os.fdopen(job, "wb") as sink:
                pickle.dump((func, args), sink, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # the child is gone: its result is read as a failure
            pass
        wait = _waiter(self.pid, self._result, compute)

        def result():
            if not self.pid:  # closed before its result was read
                return compute()
            self.pid = 0
            _WAITING.discard(self._result)
            return wait()

        return result

    def close(self) -> None:
        """End the child whose result was not read, at once (it may still be importing or computing, or
        be blocked writing a result larger than the pipe holds), and close the parent's ends of its pipes."""
        if self.pid:
            pid, self.pid = self.pid, 0
            for fd in (self._job, self._result):
                if fd is not None:
                    _WAITING.discard(fd)
                    os.close(fd)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _fork(*pipes: int) -> int | None:
    """``os.fork()``; the child closes the pipes of the prepared children it is not. None when the system
    refuses the fork (EAGAIN, ENOMEM), after closing ``pipes``: the caller computes in its own process."""
    try:
        pid = os.fork()
    except OSError:
        for fd in pipes:
            os.close(fd)
        return None
    if pid == 0:
        for fd in _WAITING:
            os.close(fd)
        _WAITING.clear()
    return pid


def _received(job: int, warm: Callable[[], Any]):
    """In a prepared child: warm up, then compute the function read from ``job``."""
    warm()
    with os.fdopen(job, "rb") as source:
        func, args = pickle.load(source)
    return func(*args)


def _serve(write: int, compute: Callable[[], Any]):
    """In a child: compute, send the pickled result, leave at once whatever happens."""
    status = 1
    try:
        with os.fdopen(write, "wb") as sink:
            pickle.dump(compute(), sink, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _waiter(pid: int, read: int, compute: Callable[[], Any]) -> Callable[[], Any]:
    """The function that reads the child's result (``compute()`` here if the child failed)."""

    def result():
        with os.fdopen(read, "rb") as source:
            data = source.read()
        _, status = os.waitpid(pid, 0)
        return pickle.loads(data) if status == 0 else compute()

    return result
