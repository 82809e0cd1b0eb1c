"""Word stems for term weighting: the Porter algorithm as Snowball implements it in C (PyStemmer),
so that no NLTK — and none of the SciPy it imports — is loaded at run time."""

from __future__ import annotations

import Stemmer


class PorterStemmer:
    """Porter's stemmer behind the ``stem(word)`` call that NLTK's PorterStemmer offers."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("porter")

    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word)
