"""Score filters.robots on Google's robots.txt spec suite (google/robotstxt-spec-test, CTC folders).

Usage: python bench/robots_conformance.py [--ctc PATH]

Prints the number of test expectations, how many RobotsRules.check gets right, the pass rate, and each
failing case (file, url, agent, expected) with the reason when it is a listed deviation from Google's parser.
Protego alone, on the same cases, is printed as the baseline the layer in filters/_robots_parse.py improves on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from protego import Protego  # noqa: E402

from filters._robots_parse import MAX_BYTES  # noqa: E402
from tests.filters.test_robots_conformance import CTC, DEVIATIONS, Case, load_cases  # noqa: E402


def protego_passes(case: Case) -> bool:
    """Whether Protego by itself, given the decoded file and the agent, gets the case right."""
    text = case.robotstxt[:MAX_BYTES].decode("utf-8", errors="replace")
    return Protego.parse(text).can_fetch(case.url, case.agent) == case.allowed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctc", type=Path, default=CTC, help="the suite's CTC folder")
    args = parser.parse_args()
    if not args.ctc.is_dir():
        sys.exit(f"spec suite not found at {args.ctc}")
    cases = load_cases(args.ctc)
    failing = [case for case in cases if not case.passes()]
    passed = len(cases) - len(failing)
    baseline = sum(protego_passes(case) for case in cases)
    print(f"cases      {len(cases)}")
    print(f"passed     {passed}")
    print(f"pass rate  {passed / len(cases):.1%}")
    print(f"protego    {baseline} passed ({baseline / len(cases):.1%}) without filters/_robots_parse.py")
    print(f"failing    {len(failing)} ({sum(case.key in DEVIATIONS for case in failing)} listed deviations)")
    for case in failing:
        expected = "ALLOWED" if case.allowed else "DISALLOWED"
        why = DEVIATIONS.get(case.key, "NOT A LISTED DEVIATION")
        print(f"  {case.file}  {case.url}  agent={case.agent!r}  expected={expected}  ({why})")


if __name__ == "__main__":
    main()
