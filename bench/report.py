"""The result of bench/run as one Markdown table of medians, with the machine and versions it was
measured on, printed and written into bench/README.md between two markers."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.timing import MEMORY_METHOD
from sitegen.source.config import SearchPageConfig

PART_PAGES = SearchPageConfig.__dataclass_fields__["part_pages"].default  # the generator's

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
# Where bench/README.md keeps the table of each size it has a place for: the default run, and
# the larger one that shows how each figure grows.
DEFAULT_SIZE = 1000
BLOCKS = {DEFAULT_SIZE: "peer-results", 10000: "peer-results-large"}
PEERS = ("pelican", "hugo")


@dataclass(frozen=True)
class Row:
    label: str
    values: dict[str, list[float]]  # tool key (ours, pelican, hugo) -> one figure per run
    unit: str = "s"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = next(int(line.split()[1]) for line in
                   Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
                   if line.startswith("MemTotal:"))
        memory = f"{kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "unknown RAM"
    return f"{model}, {os.cpu_count()} cores, {memory}"


def our_commit() -> str:
    """HEAD, and whether the generator's files differ from it (read-only git commands)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
    head = git("rev-parse", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--", "sitegen", "templates", "static", "build.py")
    return f"{head}" + (" with uncommitted changes to the generator" if changed else "")


def _number(value: float, unit: str) -> str:
    if unit == "MiB":
        return f"{value:.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _cell(values: list[float], unit: str) -> str:
    """The median, then the range of the runs when they differ: 40.2 s (39.8–56.2)."""
    median = f"{_number(statistics.median(values), unit)} {unit}"
    low, high = _number(min(values), unit), _number(max(values), unit)
    return median if low == high else f"{median} ({low}–{high})"


def table(rows: list[Row]) -> str:
    lines = ["| Median (range) | ours | Pelican | Hugo | ours ÷ Pelican | ours ÷ Hugo |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        medians = {key: statistics.median(values) for key, values in row.values.items()
                   if values}
        cells = [_cell(row.values[key], row.unit) if key in medians else "–"
                 for key in ("ours", *PEERS)]
        ratios = [f"{medians['ours'] / medians[peer]:.2f}"
                  if "ours" in medians and medians.get(peer) else "–" for peer in PEERS]
        lines.append(f"| {row.label} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


# What this generator aims at, on the default corpus: (row label, limit, "ratio" against
# Pelican or "absolute" in the row's unit).
TARGETS: list[tuple[str, float, str]] = [
    ("Cold build, with search (ours' default)", 0.5, "ratio"),
    ("No-op rebuild", 0.3, "absolute"),
    ("One program's body edited", 0.5, "absolute"),
    ("One program's title edited", 1.5, "absolute"),
    ("Peak memory, cold build", 200, "absolute"),
]


def targets(rows: list[Row]) -> str:
    """Each target, and whether this run met it."""
    by_label = {row.label: row for row in rows}
    lines = ["| Target | This run | Met |", "| --- | ---: | :---: |"]
    for label, limit, kind in TARGETS:
        row = by_label.get(label)
        if row is None or not row.values.get("ours"):
            continue
        ours = statistics.median(row.values["ours"])
        if kind == "ratio":
            peer = statistics.median(row.values["pelican"])
            value, wanted = ours / peer, f"{label}: at most {limit} × Pelican"
            shown = f"{value:.2f} × Pelican"
        else:
            value, wanted = ours, f"{label}: at most {_number(limit, row.unit)} {row.unit}"
            shown = f"{_number(ours, row.unit)} {row.unit}"
        lines.append(f"| {wanted} | {shown} | {'yes' if value <= limit else 'no'} |")
    return "\n".join(lines)


GROWTH_LIMIT = 11  # the larger run has 10 times the pages: each figure may grow this much


def default_medians(readme: Path = README) -> dict[str, float]:
    """Ours' median of each row of the README's table of the default size (seconds or MiB),
    by row label; empty when there is none."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    start, end = _markers(DEFAULT_SIZE)
    if start not in text or end not in text:
        return {}
    medians = {}
    for line in text.split(start, 1)[1].split(end, 1)[0].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[1][:1].isdigit():
            medians[cells[0]] = float(cells[1].split()[0])
    return medians


def growth(rows: list[Row], before: dict[str, float]) -> str:
    """How much each of ours' figures grew from the default size's table."""
    lines = [f"| Ours | --size {DEFAULT_SIZE} | this run | growth | at most "
             f"{GROWTH_LIMIT} × |", "| --- | ---: | ---: | ---: | :---: |"]
    for row in rows:
        if row.label not in before or not row.values.get("ours") or not before[row.label]:
            continue
        ours = statistics.median(row.values["ours"])
        grown = ours / before[row.label]
        lines.append(f"| {row.label} | {_number(before[row.label], row.unit)} {row.unit} | "
                     f"{_number(ours, row.unit)} {row.unit} | {grown:.1f} × | "
                     f"{'yes' if grown <= GROWTH_LIMIT else 'no'} |")
    return "\n".join(lines)


def report(rows: list[Row], *, size: int, pages: str, counts: str, runs: str, versions: str,
           elapsed: float, load: tuple[float, float],
           baseline: dict[str, float] | None = None) -> str:
    """The whole result; with baseline (default_medians), how each figure grew from it takes
    the place of the targets, which are set for the default size."""
    today = dt.date.today().isoformat()
    return "\n".join([
        f"Measured {today} by `bench/run --size {size}` ({pages}), in {elapsed / 60:.0f} min.",
        "",
        f"- Machine: {machine()}; Python {platform.python_version()}; load average "
        f"{load[0]:.1f} before the run, {load[1]:.1f} after (other processes add noise).",
        f"- Ours: commit {our_commit()}.",
        f"- Peers: {versions}.",
        f"- Runs: {runs}",
        "",
        table(rows),
        "",
        growth(rows, baseline) if baseline else targets(rows),
        "",
        "Each cell: the median, then the fastest and slowest run. A ratio (of medians) below 1 "
        "means ours takes less time (or memory) than the peer.",
        "",
        "- Pelican and Hugo have no search index: the two cold rows compare ours with the same "
        "peer runs.",
        "- Pelican and Hugo rebuild every page on every change (Pelican rereads only changed "
        "files, from its content cache, but renders and writes every page; Hugo has no "
        "incremental build outside its server). Ours rebuilds with the search index.",
        "- Ours uses one process per core for reading content, Markdown and templates, and "
        "indexes up to one part of a language's index per core at once (a Pagefind process "
        f"each, on about {PART_PAGES} pages); Hugo uses "
        "every core; Pelican one process.",
        f"- Memory: {MEMORY_METHOD}, median of the cold builds (ours with search, then "
        "without: the search index is made by Pagefind's own process).",
        f"- Pages written: {counts}.",
    ])


def write_readme(text: str, size: int, readme: Path = README) -> bool:
    """Put text in the README's block for size, in place of the previous one; False when the
    README has no place for that size."""
    if size not in BLOCKS:
        return False
    start, end = _markers(size)
    block = f"{start}\n{text}\n{end}"
    current = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        updated = before + block + after
    else:
        updated = current.rstrip("\n") + ("\n\n" if current else "") + block + "\n"
    readme.write_text(updated, encoding="utf-8")
    return True


def _markers(size: int) -> tuple[str, str]:
    return f"<!-- {BLOCKS[size]}:start -->", f"<!-- {BLOCKS[size]}:end -->"
