"""A document's words, scanned by the phrase tables once for the whole document."""

from __future__ import annotations

from nato_digest.gazetteers import country_table, title_table
from nato_digest.model import Article
from nato_digest.pipeline import Pipeline
from nato_digest.words import SentenceWords

segmenter = Pipeline(recognizer=None).segmenter


def test_each_sentence_has_the_matches_it_would_have_alone():
    text = "Nothing here. The French and Russian envoys met. Still nothing at all. Then Mali, then Chad.\n\nThe prime minister said so."
    document = segmenter(Article("d", text))
    words = SentenceWords(document)
    for table in (country_table(), title_table()):
        alone = [(n, table.matches(w)) for n, w in enumerate(words.written) if table.matches(w)]
        assert list(words.matches(table)) == alone
    assert [n for n, _ in words.matches(country_table())] == [1, 3]


def test_a_document_without_sentences_has_no_matches():
    assert list(SentenceWords(segmenter(Article("d", ""))).matches(country_table())) == []
