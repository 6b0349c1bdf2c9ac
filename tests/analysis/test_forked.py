"""A computation run in a forked child gives the array the parent would compute, and nothing else; a
child prepared in advance computes the work it is given later, or ends at once when given none."""
import errno
import glob
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from maillage.graph.analysis.forked import Prepared, in_child
from maillage.graph.analysis.network import Children


def test_the_child_returns_the_array_the_parent_would_compute():
    values = np.random.default_rng(3).random(200_000)  # more than a pipe's buffer
    parent = os.getpid()
    pending = in_child(lambda: values * 2 if os.getpid() != parent else np.zeros(1))
    assert np.array_equal(pending(), values * 2)  # computed in the child: the parent's answer would differ


def test_a_failing_child_leaves_the_computation_to_the_parent():
    parent = os.getpid()

    def compute():
        if os.getpid() != parent:
            raise RuntimeError("l'enfant échoue")
        return np.arange(3.0)

    assert np.array_equal(in_child(compute)(), np.arange(3.0))


def test_the_child_does_not_write_what_the_parent_has_not_yet_flushed():
    script = ("import sys, numpy as np\n"
              "from maillage.graph.analysis.forked import in_child\n"
              "sys.stdout.write('début du JSON ')\n"  # still in the parent's buffer at the fork
              "print(in_child(lambda: np.ones(2))().sum())\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "début du JSON 2.0\n"


def _pid_and_double(values):
    return os.getpid(), values * 2


def _sleep():
    time.sleep(60)


def test_a_prepared_child_computes_the_work_it_is_given_after_warming():
    values = np.random.default_rng(4).random(300_000)  # more than a pipe's buffer, both ways
    child = Prepared(lambda: sys.modules.setdefault("warmed_in_the_child", sys))
    pid, doubled = child.submit(_pid_and_double, values)()
    assert pid not in (0, os.getpid()) and np.array_equal(doubled, values * 2)
    assert "warmed_in_the_child" not in sys.modules  # the warming ran in the child only


def _pipes_held(pid: int) -> set[str]:
    """What the open files of process ``pid`` are (``pipe:[inode]`` for a pipe)."""
    held = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            held.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:  # closed meanwhile by the child
            pass
    return held


def test_unused_prepared_children_end_at_once_even_while_warming():
    started = time.monotonic()
    first, second = Prepared(_sleep), Prepared(_sleep)
    pids = first.pid, second.pid
    # the second child holds no end of the first's pipes (it would keep the first waiting for its work)
    first_pipes = {f"pipe:[{os.fstat(fd).st_ino}]" for fd in (first._job, first._result)}
    deadline = time.monotonic() + 5  # the child closes them just after the fork
    while first_pipes & _pipes_held(second.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not first_pipes & _pipes_held(second.pid)
    first.close()
    second.close()
    assert time.monotonic() - started < 10
    for pid in pids:
        with pytest.raises(ChildProcessError):  # ended and reaped
            os.waitpid(pid, os.WNOHANG)


def test_a_failing_prepared_child_leaves_the_work_to_the_parent():
    child = Prepared(lambda: 1 / 0)  # fails while warming, before reading its work
    values = np.arange(300_000.0)  # more than the pipe holds: writing it finds the pipe closed
    time.sleep(0.5)
    pid, doubled = child.submit(_pid_and_double, values)()
    assert pid == os.getpid() and np.array_equal(doubled, values * 2)


def test_closing_a_child_whose_result_was_not_read_ends_it():
    child = Prepared(lambda: None)
    pid, result = child.pid, child._result
    pending = child.submit(_pid_and_double, np.ones(100_000))  # 800 KB back: more than the pipe holds
    time.sleep(0.5)  # the child computes, then waits on its full pipe (the parent raised before reading)
    child.close()
    with pytest.raises(ChildProcessError):  # ended and reaped
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(OSError):  # the parent's end of its pipe is closed
        os.fstat(result)
    assert pending()[0] == os.getpid()  # read after all: computed here


def _children() -> set[str]:
    """The pids of this process's children."""
    return {pid for path in glob.glob("/proc/self/task/*/children") for pid in open(path).read().split()}


def _refused():
    raise OSError(errno.EAGAIN, "Resource temporarily unavailable")


def test_a_refused_fork_leaves_the_computation_to_the_parent(monkeypatch):
    children, fds = _children(), set(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", _refused)  # the kernel refuses a new process (EAGAIN)
    values = np.arange(300_000.0)
    assert np.array_equal(in_child(lambda: values * 2)(), values * 2)
    prepared = Prepared(_sleep)
    pid, doubled = prepared.submit(_pid_and_double, values)()
    prepared.close()
    assert pid == os.getpid() and np.array_equal(doubled, values * 2)
    assert _children() == children and set(os.listdir("/proc/self/fd")) == fds  # no child, no pipe left


def test_children_end_the_first_when_the_second_cannot_be_prepared(monkeypatch):
    children, pipe, opened = _children(), os.pipe, []

    def two_pipes_only():
        if len(opened) == 2:
            raise OSError(errno.EMFILE, "Too many open files")
        opened.append(pipe())
        return opened[-1]

    monkeypatch.setattr(os, "pipe", two_pipes_only)  # enough for the first prepared child only
    with pytest.raises(OSError):
        Children()
    assert _children() == children
