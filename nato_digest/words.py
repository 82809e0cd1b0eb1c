"""A document's words, as written and lower-cased, made once and read by every phrase table that
scans its sentences (countries, titles, organisation references)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, chain, compress, count
from operator import attrgetter

from .gazetteers import Match, PhraseTable
from .model import Document

_TEXT = attrgetter("text")


class SentenceWords:
    """Each sentence's words, and where a phrase of a table can start: found over the whole
    document at once, so that the sentences no phrase can start in (most of them) cost nothing."""

    def __init__(self, document: Document) -> None:
        self.written = [list(map(_TEXT, sentence.tokens)) for sentence in document.sentences]
        self.lowered = [list(map(str.lower, words)) for words in self.written]
        self._flat = list(chain.from_iterable(self.lowered))
        self._starts = [0, *accumulate(map(len, self.lowered))]  # each sentence's first word in _flat

    def matches(self, table: PhraseTable) -> Iterator[tuple[int, list[Match]]]:
        """(sentence number, its matches of ``table``) for each sentence with a match, in order."""
        openers = list(compress(count(), map(table.first_words().__contains__, self._flat)))
        position = 0
        while position < len(openers):
            number = bisect_right(self._starts, openers[position]) - 1
            first, after = self._starts[number], self._starts[number + 1]
            end = bisect_right(openers, after - 1, position)
            found = table.matches(self.written[number], self.lowered[number], [i - first for i in openers[position:end]])
            if found:
                yield number, found
            position = end
