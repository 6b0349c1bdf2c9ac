"""A computation run in a forked child gives the array the parent would compute, and nothing else."""
import os
import subprocess
import sys

import numpy as np

from maillage.graph.analysis.forked import in_child


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
