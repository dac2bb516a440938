"""Make the corpus of the peer benchmark: the same pages, from the same Markdown, for this
generator, Pelican and Hugo.

    .venv/bin/python -m bench.make_corpus N --out DIR [--seed 13]

N programs in each language (en, fr, ar), with N/10 partners, N/5 resources, N/10 events and
N/5 news in each language, plus the default site's free pages (about, contact...). Each body is
~500 words of the default site's own text (sections drawn at random, seeded), a table and a list
of links to other pages. DIR/ours/ is a site folder for `build.py --site`, DIR/pelican/ a Pelican project (run
`pelican content -s pelicanconf.py` in it) and DIR/hugo/ a Hugo site (`hugo --source DIR/hugo`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.corpus_material import read_material
from bench.corpus_model import Corpus, counts, make_corpus
from bench.corpus_writers import write_all


def build_corpus(programs: int, out: Path, seed: int = 13) -> Corpus:
    """Write the corpus into out (which must not exist yet, or be empty) and return it."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: give a new folder to --out.")
    corpus = make_corpus(read_material(), programs, seed)
    write_all(corpus, out)
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.make_corpus", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("programs", type=int, metavar="N", help="programs per language")
    parser.add_argument("--out", type=Path, required=True, help="a new folder")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if args.programs < 1:
        parser.error("N must be at least 1")
    corpus = build_corpus(args.programs, args.out, args.seed)
    per_language = len(corpus.all_items())
    sizes = ", ".join(f"{count} {name}" for name, count in counts(args.programs).items())
    print(f"{per_language} items x 3 languages = {per_language * 3} pages ({sizes} and "
          f"{len(corpus.items['pages'])} free pages per language) in {args.out}/"
          "{ours,pelican,hugo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
