"""Syndicated copies: the same story printed by several outlets, recognised while streaming.

Each article's text becomes a set of word 5-gram shingles and a MinHash signature of it; banded
locality-sensitive hashing finds earlier stories whose signatures agree in a whole band, and an
article whose estimated Jaccard similarity with such a story reaches ``THRESHOLD`` is a copy of it
(the same wire report under another headline, byline or closing paragraph). Exact copies are the
case of similarity 1. Memory is under 1 kB per story; time is linear in the input.

This is MinHash/LSH as in datasketch, in a few lines of numpy: datasketch itself needs SciPy at
run time and costs a second of start-up for its import.
"""

from __future__ import annotations

import json
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib import resources

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
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd, so that the polynomial of a 5-gram mixes every word
_WORD = re.compile(r"\w+")


MINHASH_PATH = ("data", "minhash.json")


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash functions, multiply-shift ((a·x + b) mod 2**64) >> 32 with odd a: universal, and
    without the slow 64-bit modulo. The same in every run: drawn once by scripts/build_minhash.py
    and read here, which is faster than importing numpy's random module to draw them."""
    coefficients = json.loads((resources.files("nato_digest") / "/".join(MINHASH_PATH)).read_text(encoding="utf-8"))
    a, b = (np.array(coefficients[name], dtype=np.uint64) for name in ("a", "b"))
    return a[:, None], b[:, None]


def shingles(text: str) -> np.ndarray:
    """Hashes of a text's word 5-grams, each once, case and punctuation ignored (a shorter text is
    its one shingle). A 5-gram's hash is a polynomial in its words' CRC-32 codes, made for every
    5-gram at once: no string is built per shingle."""
    words = _WORD.findall(text.casefold()) or [""]
    codes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    count = max(1, len(codes) - SHINGLE + 1)
    hashes = np.zeros(count, dtype=np.uint64)
    for k in range(min(SHINGLE, len(codes))):
        hashes = hashes * _MIX + codes[k : k + count]
    return sorted_distinct(hashes)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """What ``np.unique(values)`` returns, found by a sort: numpy 2.3 and later find unique
    integers by hashing, which takes 6 to 13 times as long for 50 to 2,000 of them (numpy 2.4)."""
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


SIGNATURE_BLOCK = 4_096
"""Shingles hashed at a time: 128 products of each, 4 MB, however long the text (a 2 MB document
has some 350,000 shingles, whose products at once would take 360 MB)."""


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text's shingles: for each of 128 hash functions, the least value,
    over ``SIGNATURE_BLOCK`` shingles at a time. The shift is monotone, so it is taken of each
    least product (128 shifts, not one per shingle), and the products are made in place."""
    a, b = _permutations()
    hashes = shingles(text)
    least = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    products = np.empty((PERMUTATIONS, min(SIGNATURE_BLOCK, len(hashes))), dtype=np.uint64)
    for start in range(0, len(hashes), SIGNATURE_BLOCK):
        block = hashes[start : start + SIGNATURE_BLOCK]
        made = products[:, : len(block)]
        np.multiply(a, block[None, :], out=made)
        made += b
        np.minimum(least, made.min(axis=1), out=least)
    return least >> _SHIFT


class Duplicates:
    """The stories seen so far; ``mark`` sets ``duplicate_of`` on every later copy of one.

    A story costs under 1 kB however long it is: its band keys in a flat hash table and the low
    byte of each of its 128 minima (two unequal minima agree in it once in 256, which raises an
    estimated similarity of 0.5 by 0.002)."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._docs: list[str] = []
        self._minima = bytearray()  # each story's 128 low bytes, one after another
        self._bands = _BandTable()

    def mark(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            original = self.original_of(article)
            yield replace(article, duplicate_of=original) if original else article

    def original_of(self, article: Article) -> str | None:
        """The doc of the earlier story this article copies, or None (it is then remembered as a story)."""
        return self.original_by_signature(article.doc, signature(article.text))

    def original_by_signature(self, doc: str, minima: np.ndarray) -> str | None:
        """``original_of`` an article whose ``signature`` was found elsewhere (in a worker)."""
        keys = [zlib.crc32(band.tobytes(), number) for number, band in enumerate(minima.reshape(BANDS, -1))]
        low = minima.astype(np.uint8)
        earlier = dict.fromkeys(story for key in keys for story in self._bands.stories(key))
        similarity = {story: float(np.mean(self._low_minima(story) == low)) for story in earlier}
        best = max(similarity, key=similarity.__getitem__, default=None)
        if best is not None and similarity[best] >= self.threshold:
            return self._docs[best]
        self._remember(doc, low, keys)
        return None

    def _low_minima(self, story: int) -> np.ndarray:
        return np.frombuffer(self._minima[story * PERMUTATIONS : (story + 1) * PERMUTATIONS], dtype=np.uint8)

    def _remember(self, doc: str, low: np.ndarray, keys: list[int]) -> None:
        story = len(self._docs)
        self._minima += low.tobytes()
        self._docs.append(doc)
        for key in keys:
            self._bands.add(key, story)


STORIES_PER_BAND = 16
"""The stories a band keeps, the first to have it: a band that many distinct stories share is
boilerplate (a footer, a standard line), not the mark of a copy, and a story is then compared with
at most this many for each band (thousands of short stories alike were compared each with all
before it: quadratic). News shares a band between two stories at most (BBC, PolNeAR, CNN/DM)."""


class _BandTable:
    """Band key → the stories with that band (STORIES_PER_BAND at most), an open-addressing hash
    table in two flat arrays (a dict of lists would take some 140 bytes a band), at most 70% full.
    Key 0 marks a free slot."""

    def __init__(self, capacity: int = 1024) -> None:
        self._keys = array("I", bytes(4 * capacity))
        self._stories = array("i", bytes(4 * capacity))
        self._used = 0

    def stories(self, key: int) -> Iterator[int]:
        key = key or 1
        keys, size = self._keys, len(self._keys)
        slot = key % size
        while keys[slot]:
            if keys[slot] == key:
                yield self._stories[slot]
            slot = (slot + 1) % size

    def add(self, key: int, story: int) -> None:
        if 10 * (self._used + 1) > 7 * len(self._keys):
            self._grow()
        if self._put(key or 1, story, STORIES_PER_BAND):
            self._used += 1

    def _put(self, key: int, story: int, limit: int | None = None) -> bool:
        """Whether the story was put in, unless the key holds ``limit`` stories already."""
        keys, size = self._keys, len(self._keys)
        slot = key % size
        held = 0
        while keys[slot]:
            if keys[slot] == key:
                held += 1
                if held == limit:
                    return False
            slot = (slot + 1) % size
        keys[slot] = key
        self._stories[slot] = story
        return True

    def _grow(self) -> None:
        """Half as many slots again, every entry put again, read from the old arrays (not listed
        first: 3 million bands of 100,000 stories as tuples would take some 400 MB): linear time
        over the stream, amortised."""
        keys, stories = self._keys, self._stories
        size = len(keys) * 3 // 2
        self._keys = array("I", bytes(4 * size))
        self._stories = array("i", bytes(4 * size))
        for key, story in zip(keys, stories):
            if key:
                self._put(key, story)


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
