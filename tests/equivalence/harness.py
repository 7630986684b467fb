"""What the equivalence checks share: where the project and `sift` are, running `sift`, and
the bounds within which a number equals Sift's (1e-9 relative; 1e-12 absolute near zero,
where a difference of rounding in a sum of opposite terms is not relative to anything)."""

import json
import os
import subprocess
import time

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


def labelled_cases(files, only=""):
    """Each case of the JSON lists in `files` as (label "<file>: <name>", case), keeping those
    whose label contains `only`."""
    for file in files:
        with open(file, encoding="utf-8") as f:
            cases = json.load(f)
        for case in cases:
            label = f"{os.path.basename(file)}: {case['name']}"
            if only in label:
                yield label, case


def summary(what, failures, passed, started):
    """Prints the failures and a line of counts; the exit code (1 on a failure or nothing run)."""
    for failure in failures:
        print("FAIL " + failure)
    print(f"{what} equivalence: {passed} passed, {len(failures)} failed in {time.time() - started:.0f} s")
    return 1 if failures or passed == 0 else 0
