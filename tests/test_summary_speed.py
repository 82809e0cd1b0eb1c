"""The fast paths of segmentation and term extraction give what the general ones give."""

from nato_digest.segment import tokenize
from nato_digest.summarize import _WORD, _words, distinct_terms, terms

TEXTS = [
    "NATO's Secretary-General O'Brien said: \"We don't know\" -- 5,500 troops, 3.5% in 1990s.",
    "İstanbul’s mayor met Ægir and the U.S. envoy; Straße naïve café K-9 under_score",
    "Plain ASCII line one.\nA “quoted” line\r\nand-a-hyphen\n\nend’s",
]


def test_ascii_words_are_the_unicode_words_lower_cased():
    for text in TEXTS + [t.encode("ascii", "ignore").decode() for t in TEXTS]:
        assert _words(text) == [w.lower() for w in _WORD.findall(text)]


def test_distinct_terms_are_the_set_of_terms():
    for text in TEXTS:
        assert distinct_terms(text) == frozenset(terms(text))


def test_tokens_are_the_spans_between_whitespace():
    text = "  He said:\t“It’s 5,500.”\n Don't\u00a0stop  "
    tokens = tokenize(text, 1, len(text) - 1)
    assert [t.text for t in tokens] == ["He", "said", ":", "“", "It", "’s", "5,500", ".", "”", "Do", "n't", "stop"]
    assert all(text[t.start : t.end] == t.text for t in tokens)
