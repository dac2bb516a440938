"""Make a large synthetic site for benchmarks and tests: the tiny test site's config and
catalogs, with as many trilingual programs as asked."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"

PARAGRAPH = {
    "en": "Young people meet officers every week to play, talk and learn about their town. "
          "Families are welcome, and the program is free.",
    "fr": "Les jeunes rencontrent des policiers chaque semaine pour jouer, parler et découvrir "
          "leur ville. Les familles sont les bienvenues et le programme est gratuit.",
    "ar": "يلتقي الشباب بضباط الشرطة كل أسبوع للعب والحديث والتعرّف على مدينتهم. العائلات "
          "مرحَّب بها، والبرنامج مجاني.",
}


def make_site(target: Path, programs: int) -> Path:
    """A copy of the tiny site with `programs` extra programs in en, fr and ar."""
    shutil.copytree(TINY, target, ignore=shutil.ignore_patterns("output"))
    folder = target / "content" / "programs"
    for number in range(programs):
        for lang, text in PARAGRAPH.items():
            front = ["---", f"title: Program {number} ({lang})", f"summary: {text[:80]}",
                     "updated: 2026-01-10"]
            if lang == "en":
                front += ["audiences: [youth]", "categories: [sport]", "partners: [town-club]"]
            body = "\n\n".join(f"## Part {part}\n\n{text} See [the club]"
                               "(../partners/town-club.md)." for part in range(4))
            (folder / f"p{number}.{lang}.md").write_text(
                "\n".join(front) + "\n---\n\n" + body + "\n", encoding="utf-8")
    return target
