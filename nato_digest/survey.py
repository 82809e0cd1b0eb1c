"""The first pass of a digest, apart from the analyses: it needs neither their models nor their
modules, so that its workers can start before the command has imported and loaded them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .duplicates import signature
from .model import Article
from .summarize import distinct_terms


@dataclass(frozen=True)
class Surveyed:
    """What the first pass of a digest learns of one article: its MinHash signature (whether it is
    a syndicated copy is decided in input order, by the command) and its distinct terms (its share
    of the corpus's document frequencies, counted if it is a story)."""

    signature: np.ndarray
    terms: frozenset[str]


def survey(articles: Sequence[Article]) -> list[Surveyed]:
    """The first pass of a digest over a batch of articles, run by the workers."""
    return [Surveyed(signature(a.text), distinct_terms(a.text)) for a in articles]
