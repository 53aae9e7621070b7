"""Where `moisson crawl`'s CPU goes, by process: the crawl process, the page-stage pool's fork server and workers.

    python bench/crawl_cpu.py                            # about 40 seconds
    python bench/crawl_cpu.py -s MOISSON_PROCESSES=0     # the stages in the crawl process itself

The site is crawl_overhead.py's (the 1,033 pages of trafilatura's evaluation set on loopback, same politeness).
While `moisson crawl` runs, its process tree is read from /proc every half second: each process's CPU time (user +
system) so far. It prints each process's total and, every two seconds, what each used in those two seconds: on a
2-core machine, 4.0 CPU-seconds per two seconds is all there is. cProfile (crawl_overhead.py --profile) says which
functions cost; this says whether the machine's cores are busy, and with what.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _crawlbench import (
    CORPORA,
    LOOPBACK_POLITENESS,
    ROOT,
    TEST_HOSTS,
    format_table,
    moisson_command,
    process_tree,
    read_counts,
    workdir,
    write_crawl_file,
)
from crawl_overhead import HOST, build_site

sys.path.insert(0, str(ROOT))

from crawler.localweb import LocalWeb  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_and_parent(pid: int) -> tuple[int, float]:
    """The parent's pid and the CPU seconds (user + system) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def role(pid: int, parent: int, root: int, roles: dict[int, str]) -> str:
    if pid == root:
        return "crawl process"
    if roles.get(parent) == "pool fork server":  # forked from it, with its command line
        return "pool worker"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "forkserver" in command:
        return "pool fork server"
    if "resource_tracker" in command:
        return "resource tracker"
    return "other"


def sample_tree(root: int, cpu: dict[int, float], roles: dict[int, str]) -> None:
    """CPU so far of `root` and its descendants, into `cpu`; a process once seen keeps its last reading."""
    for pid in process_tree(root):  # parents first: a worker's fork server has its role when the worker is read
        try:
            parent, seconds = cpu_and_parent(pid)
        except OSError:
            continue
        cpu[pid] = seconds
        roles.setdefault(pid, role(pid, parent, root, roles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "trafilatura-eval")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    extra = dict(setting.split("=", 1) for setting in args.settings)
    with workdir(None, "moisson-cpu-") as tmp:
        pages, _ = build_site(args.corpus, tmp / "web")
        with LocalWeb(tmp / "web") as web:
            crawl_file = write_crawl_file(tmp / "crawl.toml", [web.url(HOST)], limits={"max_depth": 1})
            command = moisson_command(crawl_file, tmp / "out", {**TEST_HOSTS, **LOOPBACK_POLITENESS, **extra})
            start = time.perf_counter()
            with open(tmp / "crawl.log", "w", encoding="utf-8") as log:
                process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
                cpu: dict[int, float] = {}
                roles: dict[int, str] = {}
                timeline: list[tuple[float, dict[int, float]]] = []
                while process.poll() is None:
                    sample_tree(process.pid, cpu, roles)
                    timeline.append((time.perf_counter() - start, dict(cpu)))
                    time.sleep(0.5)
            wall = time.perf_counter() - start
            if process.returncode != 0:
                raise SystemExit(f"the crawl failed ({process.returncode}); see {tmp / 'crawl.log'}")
            kept = read_counts(tmp / "out")["documents"]
    pids = [pid for pid in sorted(cpu) if roles[pid] != "resource tracker"]
    print(f"{pages} pages, {kept} kept, wall {wall:.1f} s, {sum(cpu[p] for p in pids):.1f} CPU-seconds in all")
    print(format_table(["process", "pid", "CPU s"], [[roles[p], p, f"{cpu[p]:.1f}"] for p in pids]))
    print("\nCPU-seconds used in each two seconds (columns in the order above):")
    rows, previous = [], {}
    for at, seconds in timeline[::4]:
        rows.append([f"{at:.0f}"] + [f"{seconds.get(p, 0) - previous.get(p, 0):.1f}" for p in pids])
        previous = seconds
    print(format_table(["s", *[roles[p].split()[-1] for p in pids]], rows))


if __name__ == "__main__":
    main()
