"""Build speed against a peer measured in the same run: a bare Python pipeline (read the files,
Python-Markdown, one Jinja2 template, write each page) over the same synthetic site, with none
of the checks, translations or navigation of the real build. Full builds each time: the cache of
earlier builds is off. bench/run compares the real build with real peers, Pelican and Hugo.

    .venv/bin/python -m bench.build_speed [PROGRAMS]   (default 1000 programs = 3,000 pages)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import markdown
import yaml

from bench.synthetic import make_site
from sitegen.pipeline import BuildOptions, build_site

BARE_TEMPLATE = jinja2.Template(
    "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ title }}"
    "</title></head><body><main><h1>{{ title }}</h1>{{ body }}</main></body></html>")


def bare_pipeline(site: Path, out: Path) -> int:
    converter = markdown.Markdown(extensions=["tables", "toc", "attr_list"])
    count = 0
    for path in sorted((site / "content").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fields = yaml.load(front, Loader=yaml.CSafeLoader)
        converter.reset()
        html = BARE_TEMPLATE.render(lang=path.stem.rsplit(".", 1)[-1], title=fields["title"],
                                    body=converter.convert(body))
        target = out / path.relative_to(site / "content").with_suffix("") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    programs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(Path(tmp) / "site", programs)
        now = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)
        # the search index is a separate step with no counterpart in the peer: left out here;
        # so is the cache of earlier builds, which would turn every run after the first into a
        # rebuild of nothing (bench/run measures those rebuilds against Pelican and Hugo)
        options = BuildOptions(site, Path(tmp) / "out", now=now, use_git_dates=False,
                               search=False, cache=False)
        pages = sum(build_site(options).pages_per_language.values())
        ours = best_of(3, lambda: build_site(options))
        peer = best_of(3, lambda: bare_pipeline(site, Path(tmp) / "bare"))
    print(f"{pages} pages. sitegen: {ours:.2f} s ({pages / ours:.0f} pages/s). "
          f"Bare Python pipeline: {peer:.2f} s. Ratio sitegen/bare: {ours / peer:.2f}.")


if __name__ == "__main__":
    main()
