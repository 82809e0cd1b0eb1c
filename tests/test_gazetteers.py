from __future__ import annotations

import gzip
from importlib import resources

import pytest

from nato_digest import gazetteers
from nato_digest.actors import _reference_table
from nato_digest.gazetteers import _lexicon_lines, _phrase_words, _rows, organisations
from nato_digest.segment import tokenize

LEXICONS = ("word_zipf.tsv.gz", "given_names.txt.gz", "surnames.txt.gz", "places.txt.gz")


def _shipped_phrases() -> list[str]:
    """Every phrase a tokenized phrase table is built from, as shipped."""
    titles = (resources.files("nato_digest") / "data" / "person_titles.txt").read_text(encoding="utf-8").splitlines()
    forms = [form for org in organisations() for form in (org.name, *org.aliases)]
    return [row[0] for row in _rows("countries.tsv")] + forms + [form[4:] for form in forms] + [t.strip() for t in titles]


def test_a_phrase_split_without_the_tokenizer_has_the_tokenizers_words():
    phrases = _shipped_phrases()
    assert len(phrases) > 1500
    assert [_phrase_words(p) for p in phrases] == [[t.text for t in tokenize(p)] for p in phrases]


@pytest.mark.parametrize("phrase", ["U.S. Army", "Côte d'Ivoire", "Guinea-Bissau", "St. Kitts", "G7 summit", "the  UN", " Chad"])
def test_a_phrase_that_is_not_plain_words_goes_through_the_tokenizer(phrase):
    assert _phrase_words(phrase) == [t.text for t in tokenize(phrase)]


@pytest.mark.parametrize("table", [gazetteers.country_table, gazetteers.organisation_table, gazetteers.title_table, _reference_table])
def test_every_phrase_table_is_the_one_the_tokenizer_builds(table, monkeypatch):
    built = table()
    table.cache_clear()
    monkeypatch.setattr(gazetteers, "_phrase_words", lambda phrase: [t.text for t in tokenize(phrase)])
    tokenized = table()
    table.cache_clear()
    assert list(built._phrases.items()) == list(tokenized._phrases.items())
    assert built._acronyms == tokenized._acronyms and built._longest == tokenized._longest


@pytest.mark.parametrize("name", LEXICONS)
def test_a_lexicons_lines_are_its_uncommented_nonempty_lines(name):
    text = gzip.decompress((resources.files("nato_digest") / "data" / "ner" / name).read_bytes()).decode("utf-8")
    assert _lexicon_lines(name) == [line for line in text.splitlines() if line and not line.startswith("#")]


def test_comments_end_where_the_lines_begin():
    assert gazetteers._past_comments("# a\n#b\nx\n# kept\n") == "x\n# kept\n"
    assert gazetteers._past_comments("# only") == ""
