"""Build the shipped country lexicon from pycountry and the curated overlay.

    python scripts/build_countries.py

Every ISO 3166-1 country (pycountry) gets its ISO names; scripts/data/country_overlay.tsv adds the
names news uses (Britain, Ivory Coast, and former names such as Zaire), adjectives and demonyms
(plurals generated), capitals, cities and safe sub-national places, and government metonyms (the
Kremlin, Downing Street); scripts/data/not_countries.txt lists regions and lookalikes
that must block a shorter match. Writes nato_digest/data/countries.tsv (form, code, kind) and
nato_digest/data/country_names.tsv (code, display name).
"""

from __future__ import annotations

import re
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "scripts/data/country_overlay.tsv"
NOT_COUNTRIES = ROOT / "scripts/data/not_countries.txt"
OUT = ROOT / "nato_digest/data"

_UNCHANGED_PLURAL = ("ese", "sh", "ch", "ss", "s", "x", "z")


def plural(demonym: str) -> str | None:
    if demonym.endswith(_UNCHANGED_PLURAL):
        return None
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    if demonym.endswith("woman"):
        return demonym[:-5] + "women"
    return demonym + "s"


def _items(field: str) -> list[str]:
    return [] if field == "-" else [item.strip() for item in field.split("|") if item.strip()]


def iso_names(country: object) -> list[str]:
    """Usable ISO names: "Cocos (Keeling) Islands" loses its parenthesis, "Korea, Republic of" goes."""
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    cleaned = [re.sub(r"\s*\(.*?\)", "", n) for n in names if n]
    return [n for n in cleaned if "," not in n] or [country.name]


def _add(forms, display, code, name, names, demonyms, places, metonyms) -> None:
    display[code] = name
    for form in [name, *names]:
        forms.setdefault(form, (code, "name"))
    for demonym in demonyms:
        for form in (demonym, plural(demonym)):
            if form:
                forms.setdefault(form, (code, "demonym"))
    for place in places:
        forms.setdefault(place, (code, "place"))
    for metonym in metonyms:
        forms.setdefault(metonym, (code, "metonym"))


def build() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(form -> (code, kind), code -> display name)."""
    forms: dict[str, tuple[str, str]] = {}
    display: dict[str, str] = {}
    overlay = {}
    for line in OVERLAY.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, others, demonyms, places, metonyms = line.split("\t")
        overlay[code] = (name, _items(others), _items(demonyms), _items(places), _items(metonyms))
    for country in pycountry.countries:
        name, others, demonyms, places, metonyms = overlay.pop(country.alpha_2, (None, [], [], [], []))
        names = others + iso_names(country)
        _add(forms, display, country.alpha_2, name or iso_names(country)[0], names, demonyms, places, metonyms)
    for code, (name, others, demonyms, places, metonyms) in overlay.items():  # not in ISO 3166-1: Kosovo (XK)
        _add(forms, display, code, name, others, demonyms, places, metonyms)
    for line in NOT_COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            forms[line.strip()] = ("", "none")
    return forms, display


def main() -> None:
    forms, display = build()
    with (OUT / "countries.tsv").open("w", encoding="utf-8") as out:
        out.write("# form\tcode\tkind — built by scripts/build_countries.py from pycountry and the overlay\n")
        for form in sorted(forms):
            code, kind = forms[form]
            out.write(f"{form}\t{code}\t{kind}\n")
    with (OUT / "country_names.tsv").open("w", encoding="utf-8") as out:
        out.write("# code\tname — built by scripts/build_countries.py\n")
        for code in sorted(display):
            out.write(f"{code}\t{display[code]}\n")
    print(f"{len(forms)} forms for {len(display)} countries")


if __name__ == "__main__":
    main()
