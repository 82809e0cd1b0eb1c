"""Syndicated copies: the same story printed by several outlets, recognised while streaming.

Each article's text becomes a set of word 5-gram shingles and a MinHash signature of it; banded
locality-sensitive hashing finds earlier stories whose signatures agree in a whole band, and an
article whose estimated Jaccard similarity with such a story reaches ``THRESHOLD`` is a copy of it
(the same wire report under another headline, byline or closing paragraph). Exact copies are the
case of similarity 1. Memory is one signature per story; time is linear in the input.

This is MinHash/LSH as in datasketch, in a few lines of numpy: datasketch itself needs SciPy at
run time and costs a second of start-up for its import.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

import numpy as np

from .model import Article

THRESHOLD = 0.5
"""Shingle Jaccard similarity from which two articles are one story. A 170-word story under another
headline and byline scores about 0.9, with another last paragraph of five about 0.7. Separate reports
of one event stay far below: of the 314 pairs of articles on one story in Multi-News dev, the only
one above 0.28 is a pair of identical scraped pages; of PolNeAR's 924 articles, the 7 pairs above
0.5 are all one outlet's versions of one story (updated, or re-headlined for print)."""

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: pairs at similarity 0.5 share a band with probability 0.87
_SHIFT = np.uint64(32)
_WORD = re.compile(r"\w+")


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash functions, multiply-shift ((a·x + b) mod 2**64) >> 32 with odd a: universal, and
    without the slow 64-bit modulo. The same in every run; made on first use."""
    generator = np.random.default_rng(15)
    a = generator.integers(0, 2**64, PERMUTATIONS, dtype=np.uint64, endpoint=False) | np.uint64(1)
    b = generator.integers(0, 2**64, PERMUTATIONS, dtype=np.uint64, endpoint=False)
    return a[:, None], b[:, None]


def shingles(text: str) -> set[str]:
    """A text's word 5-grams, case and punctuation ignored (a shorter text is its one shingle)."""
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text's shingles: for each of 128 hash functions, the least value."""
    found = shingles(text)
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in found), dtype=np.uint64, count=len(found))
    a, b = _permutations()
    return ((a * hashes[None, :] + b) >> _SHIFT).min(axis=1)


class Duplicates:
    """The stories seen so far; ``mark`` sets ``duplicate_of`` on every later copy of one."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._signatures: dict[str, np.ndarray] = {}
        self._bands: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(BANDS)]

    def mark(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            original = self.original_of(article)
            yield replace(article, duplicate_of=original) if original else article

    def original_of(self, article: Article) -> str | None:
        """The doc of the earlier story this article copies, or None (it is then remembered as a story)."""
        sig = signature(article.text)
        keys = [band.tobytes() for band in sig.reshape(BANDS, -1)]
        candidates = dict.fromkeys(doc for band, key in zip(self._bands, keys) for doc in band.get(key, ()))
        best = max(candidates, key=lambda doc: self._similarity(sig, doc), default=None)
        if best is not None and self._similarity(sig, best) >= self.threshold:
            return best
        self._signatures[article.doc] = sig
        for band, key in zip(self._bands, keys):
            band[key].append(article.doc)
        return None

    def _similarity(self, sig: np.ndarray, doc: str) -> float:
        return float(np.mean(sig == self._signatures[doc]))


class Copies:
    """Which copies each story had: a copy is read, listed and named in ``docs``, never analysed,
    so it is kept without its text (its words are its story's): memory per copy is its metadata."""

    def __init__(self) -> None:
        self._of: dict[str, list[Article]] = defaultdict(list)

    def note(self, copy: Article) -> None:
        self._of[copy.duplicate_of].append(replace(copy, text=""))  # type: ignore[index]

    def of(self, doc: str) -> list[Article]:
        return self._of.get(doc, [])

    def docs(self, docs: Iterable[str]) -> list[str]:
        """Every doc that carried what ``docs`` carried: each followed by its copies."""
        return list(dict.fromkeys(d for doc in docs for d in (doc, *(c.doc for c in self.of(doc)))))

    def __iter__(self) -> Iterator[Article]:
        return (copy for copies in self._of.values() for copy in copies)

    def __len__(self) -> int:
        return sum(len(copies) for copies in self._of.values())
