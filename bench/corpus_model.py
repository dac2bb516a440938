"""The benchmark corpus as data, independent of any tool: items with a title, summary and
Markdown body in each language, made deterministically (seeded) out of the default site's text.

Bodies keep links as placeholders (`](@@programs/peace-oakville-12)`); sitegen, Pelican and Hugo
each get them in their own link syntax from bench.corpus_writers."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

from bench.corpus_material import LANGS, PLACEHOLDER, Material, Original, Section

# Items per language for N programs: N/10 partners, N/5 resources, N/10 events, N/5 news.
SHARES = {"programs": 1.0, "partners": 0.1, "resources": 0.2, "events": 0.1, "news": 0.2}
TARGET_WORDS = 450  # of sections; the table and the "see also" list bring a page to ~500
FEATURED = 6  # programs and resources shown on the home page

TOWNS = [
    {"en": "Oakville", "fr": "Oakville", "ar": "أوكفيل"},
    {"en": "Burlington", "fr": "Burlington", "ar": "بيرلينغتون"},
    {"en": "Milton", "fr": "Milton", "ar": "ميلتون"},
    {"en": "Halton Hills", "fr": "Halton Hills", "ar": "هالتون هيلز"},
    {"en": "Georgetown", "fr": "Georgetown", "ar": "جورجتاون"},
    {"en": "Acton", "fr": "Acton", "ar": "أكتون"},
]
EVENT_KINDS = [
    ({"en": "Open house", "fr": "Portes ouvertes", "ar": "يوم مفتوح"},
     {"en": "Meet the officers who run the program and ask your questions.",
      "fr": "Rencontrez les policiers qui animent le programme et posez vos questions.",
      "ar": "تعرّف على الضباط الذين يديرون البرنامج واطرح أسئلتك."}),
    ({"en": "Information session", "fr": "Séance d'information", "ar": "جلسة إعلامية"},
     {"en": "A short session that explains the program and how to take part.",
      "fr": "Une courte séance qui explique le programme et comment y participer.",
      "ar": "جلسة قصيرة تشرح البرنامج وطريقة المشاركة فيه."}),
    ({"en": "Crime prevention seminar", "fr": "Séminaire de prévention du crime",
      "ar": "ندوة للوقاية من الجريمة"},
     {"en": "Learn ways to stay safe and help stop crime before it happens.",
      "fr": "Découvrez des façons de rester en sécurité et d'aider à prévenir le crime.",
      "ar": "تعلّم طرقًا للبقاء آمنًا والمساعدة في منع الجريمة قبل وقوعها."}),
    ({"en": "Community forum", "fr": "Forum communautaire", "ar": "منتدى مجتمعي"},
     {"en": "Residents and police members talk about how to serve the community better.",
      "fr": "La population et les policiers discutent de la façon de mieux servir la communauté.",
      "ar": "يتحدث السكان وأفراد الشرطة عن سبل خدمة المجتمع بشكل أفضل."}),
]
VENUE = {"en": "Community centre, {town}", "fr": "Centre communautaire, {town}",
         "ar": "المركز المجتمعي، {town}"}
IN_TOWN = {"en": "{title} in {town} ({number})", "fr": "{title} à {town} ({number})",
           "ar": "{title} في {town} ({number})"}
NUMBERED = {"en": "{title} ({town}, {number})", "fr": "{title} ({town}, {number})",
            "ar": "{title} ({town}، {number})"}
TABLE = {
    "en": ("## Schedule", ("Day", "Time", "Place"),
           ["Monday", "Wednesday", "Saturday"], "Room"),
    "fr": ("## Horaire", ("Jour", "Heure", "Lieu"),
           ["Lundi", "Mercredi", "Samedi"], "Salle"),
    "ar": ("## الجدول", ("اليوم", "الوقت", "المكان"),
           ["الاثنين", "الأربعاء", "السبت"], "القاعة"),
}
SEE_ALSO = {"en": "## See also", "fr": "## Voir aussi", "ar": "## انظر أيضًا"}


@dataclass
class Item:
    """One item of the corpus: `shared` holds the fields written once, in the English file."""

    collection: str
    name: str
    date: dt.date
    titles: dict[str, str]
    summaries: dict[str, str]
    bodies: dict[str, str] = field(default_factory=dict)
    shared: dict[str, object] = field(default_factory=dict)


@dataclass
class Corpus:
    programs: int
    seed: int
    items: dict[str, list[Item]]  # collection -> items, in order
    _index: dict[tuple[str, str], Item] = field(default_factory=dict, repr=False)

    def all_items(self) -> list[Item]:
        return [item for items in self.items.values() for item in items]

    def find(self, collection: str, name: str) -> Item:
        if not self._index:
            self._index.update(((item.collection, item.name), item) for item in self.all_items())
        return self._index[(collection, name)]


def counts(programs: int) -> dict[str, int]:
    return {name: max(1, round(programs * share)) for name, share in SHARES.items()}


def make_corpus(material: Material, programs: int, seed: int = 13) -> Corpus:
    """Every item with its fields and titles first, then the bodies, which link to them."""
    sizes = counts(programs)
    items: dict[str, list[Item]] = {"pages": [_page(original) for original in
                                              material.originals["pages"]]}
    for collection in ("partners", "programs", "resources", "news"):
        bases = material.originals[collection]
        items[collection] = [_numbered(collection, bases[i % len(bases)], i)
                             for i in range(sizes[collection])]
    items["events"] = [_event(i) for i in range(sizes["events"])]
    corpus = Corpus(programs, seed, items)
    rng = random.Random(seed)
    names = {collection: [item.name for item in found] for collection, found in items.items()}
    for position, item in enumerate(items["programs"]):
        item.shared["partners"] = sorted(rng.sample(names["partners"],
                                                    min(len(names["partners"]), 1 + position % 2)))
    for item in items["events"]:
        item.shared["program"] = rng.choice(names["programs"])
    for item in items["news"]:
        item.shared["programs"] = [rng.choice(names["programs"])]
    for original, item in zip(material.originals["pages"], items["pages"]):
        item.bodies = {lang: _relink(body, item, names, seed)
                       for lang, body in original.bodies.items()}
    for collection in ("programs", "partners", "resources", "events", "news"):
        for item in items[collection]:
            item.bodies = _body(item, material.sections, corpus, names,
                                random.Random(f"{seed}/{collection}/{item.name}"))
    return corpus


def _page(original: Original) -> Item:
    shared = {key: value for key, value in original.fields.items()
              if key not in ("title", "summary", "translated_from")}
    return Item("pages", original.name, dt.date(2026, 1, 10), dict(original.titles),
                dict(original.summaries), shared=shared)


def _numbered(collection: str, base: Original, index: int) -> Item:
    town = TOWNS[index // 3 % len(TOWNS)]
    number = index + 1
    titles = {lang: NUMBERED[lang].format(title=base.titles[lang], town=town[lang],
                                          number=number) for lang in LANGS}
    name = f"{base.name}-{town['en'].lower().replace(' ', '-')}-{number}"
    date = dt.date(2026, 1, 10) - dt.timedelta(days=index % 700)
    shared: dict[str, object] = {}
    if collection == "programs":
        shared = {"audiences": list(base.fields.get("audiences") or []),
                  "categories": list(base.fields.get("categories") or []),
                  "status": "active", "featured": index < FEATURED}
    elif collection == "partners":
        shared = {"kind": base.fields["kind"]}
    elif collection == "resources":
        shared = {"topic": base.fields["topic"], "featured": index < FEATURED}
    elif collection == "news":
        shared = {"date": date}
    return Item(collection, name, date, titles, dict(base.summaries), shared=shared)


def _event(index: int) -> Item:
    kind, summary = EVENT_KINDS[index % len(EVENT_KINDS)]
    town = TOWNS[index // 4 % len(TOWNS)]
    number = index + 1
    titles = {lang: IN_TOWN[lang].format(title=kind[lang], town=town[lang], number=number)
              for lang in LANGS}
    name = f"{kind['en'].lower().replace(' ', '-')}-{town['en'].lower().replace(' ', '-')}-" \
           f"{number}"
    day = dt.date(2026, 3, 2) + dt.timedelta(days=index * 3 % 730)
    start = dt.datetime.combine(day, dt.time(18, 30))
    shared = {"start": start, "end": start + dt.timedelta(hours=1, minutes=30),
              "location": {"name": {lang: VENUE[lang].format(town=town[lang]) for lang in LANGS}}}
    return Item("events", name, day, titles, dict(summary), shared=shared)


def _target(names: dict[str, list[str]], seed: int, page: Item, collection: str,
            name: str) -> tuple[str, str]:
    """Where a link of the raw material leads in the corpus: free pages keep their target, a
    link to any other item goes to an item of the same collection, chosen per page."""
    if collection == "pages" or collection not in names:
        return "pages", name if name in names["pages"] else "contact"
    choices = names[collection]
    key = f"{seed}/{page.collection}/{page.name}/{collection}/{name}".encode()
    return collection, choices[zlib.crc32(key) % len(choices)]


def _relink(body: str, page: Item, names: dict[str, list[str]], seed: int) -> str:
    def replace(match) -> str:
        collection, name = _target(names, seed, page, match["coll"], match["name"])
        return f"](@@{collection}/{name})"
    return PLACEHOLDER.sub(replace, body)


def _body(item: Item, sections: list[Section], corpus: Corpus, names: dict[str, list[str]],
          rng: random.Random) -> dict[str, str]:
    """~450 words of sections, then a table and a list of three links, in every language."""
    chosen: list[Section] = []
    while sum(section.words for section in chosen) < TARGET_WORDS:
        chosen.append(rng.choice(sections))
    other = rng.choice(("resources", "partners", "news"))
    related = [("programs", name) for name in rng.sample(names["programs"],
                                                         min(2, len(names["programs"])))]
    related.append((other, rng.choice(names[other])))
    rows = [(day, f"{17 + i}:{rng.choice(('00', '30'))}", rng.randint(1, 40))
            for i, day in enumerate(range(3))]
    bodies = {}
    for lang in LANGS:
        parts = [_relink(section.text[lang], item, names, corpus.seed) for section in chosen]
        heading, columns, days, room = TABLE[lang]
        table = [heading, "", f"| {' | '.join(columns)} |", "| --- | --- | --- |"]
        table += [f"| {days[day]} | {time} | {room} {number} |" for day, time, number in rows]
        parts.append("\n".join(table))
        links = [f"- [{corpus.find(collection, name).titles[lang]}](@@{collection}/{name})"
                 for collection, name in related]
        parts.append(SEE_ALSO[lang] + "\n\n" + "\n".join(links))
        bodies[lang] = "\n\n".join(parts) + "\n"
    return bodies
