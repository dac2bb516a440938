"""How each language's searchable pages are split into parts of the search index."""

from __future__ import annotations

from sitegen.render.search import index_parts


def pages(code: str, count: int) -> list[str]:
    return [f"{code}/programs/p{number}/index.html" for number in range(count)]


def test_every_page_is_in_one_part_of_its_language() -> None:
    given = {"en": pages("en", 1600), "fr": pages("fr", 40), "zh-Hant": pages("zh-Hant", 501)}
    parts = index_parts(given, 500)
    assert sorted(key for key in parts if key.startswith("en/")) == [f"en/{n}" for n in range(4)]
    assert list(k for k in parts if k.startswith("fr/")) == ["fr/0"]
    assert sorted(k for k in parts if k.startswith("zh-Hant/")) == ["zh-Hant/0", "zh-Hant/1"]
    for code, paths in given.items():
        placed = [dest for key, part in parts.items() if key.rsplit("/", 1)[0] == code
                  for dest in part]
        assert sorted(placed) == sorted(paths)
    assert all(250 <= len(parts[f"en/{n}"]) <= 550 for n in range(4))
    assert index_parts(given, 500) == parts  # the same pages, the same parts


def test_a_new_page_changes_one_part_only() -> None:
    before = index_parts({"en": pages("en", 1200)}, 500)
    after = index_parts({"en": pages("en", 1201)}, 500)
    assert len(before) == len(after) == 3
    assert sum(before[key] != after[key] for key in before) == 1


def test_the_first_part_is_never_empty() -> None:
    for count in range(1, 30):
        parts = index_parts({"ar": pages("ar", count)}, 1)
        assert parts["ar/0"] and set(parts) == {f"ar/{n}" for n in range(len(parts))}

