"""What the equivalence checks share: where the project and `sift` are, running `sift`, and
the bounds within which a number equals Sift's (1e-9 relative; 1e-12 absolute near zero,
where a difference of rounding in a sum of opposite terms is not relative to anything)."""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIFT = os.environ.get("SIFT_BIN", os.path.join(ROOT, "target", "release", "sift"))
RELATIVE = 1e-9
ABSOLUTE = 1e-12


class Refused(Exception):
    """`sift` exited with an error (its message)."""


def sift(*args):
    """Runs sift in the project folder; returns stdout, raises Refused with stderr on failure."""
    done = subprocess.run([SIFT, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise Refused(done.stderr.strip())
    return done.stdout


def close(wanted, got):
    """Whether the number `got` equals `wanted` within the bounds."""
    return abs(wanted - got) <= max(RELATIVE * max(abs(wanted), abs(got)), ABSOLUTE)
