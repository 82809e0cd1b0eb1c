"""The data that flows through the pipeline: plain frozen dataclasses.

Every span carries ``start``/``end`` character offsets into ``Article.text`` exactly as it was
decoded, like spaCy's Doc/Span, so that any record can be traced back to the original text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

Label = Literal["PER", "ORG", "LOC", "MISC"]
ParagraphKind = Literal["headline", "body", "furniture"]
QuoteKind = Literal["direct", "partial"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``doc`` names it in every output record; ``text`` is what every offset
    refers to (for a web page, feed item or crawl record: the extracted main text)."""

    doc: str
    text: str
    title: str | None = None
    date: str | None = None
    """ISO 8601: a date (2015-10-08) or a date and time (2015-10-08T07:30:00+00:00)."""
    url: str | None = None
    source: str | None = None
    """The outlet (a site's or feed's name)."""
    author: str | None = None
    excerpt: bool = False
    """True when the text is only a feed item's summary, the feed carrying no full content."""
    duplicate_of: str | None = None
    """The ``doc`` of the article this one is a syndicated copy of (see duplicates)."""


class Token(NamedTuple):
    """A token. A named tuple rather than a dataclass: the segmenter makes one per word, and a
    tuple can be built in C (see segment.tokenize)."""

    start: int
    end: int
    text: str


def first_token_from(tokens: Sequence[Token], offset: int) -> int:
    """The index of the first of a sentence's ``tokens`` that starts at or after ``offset``
    (``len(tokens)`` if none does), by bisection: tokens are in order, and a token compares
    with the one-element tuple of its start as its start does."""
    return bisect_left(tokens, (offset,))


def tokens_ended_by(tokens: Sequence[Token], offset: int) -> int:
    """How many of a sentence's ``tokens`` end at or before ``offset``, by bisection (their ends
    are in order too)."""
    return bisect_right(tokens, offset, key=_token_end)


def _token_end(token: Token) -> int:
    return token.end


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the article; ``furniture`` blocks (breadcrumbs, captions, sign-up boxes) are
    kept so offsets stay honest, but no analysis reads them."""

    index: int
    start: int
    end: int
    kind: ParagraphKind


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...]

    def __reduce__(self) -> tuple:
        """Pickled compactly, the tokens as offsets into the sentence's text: analyses cross
        process boundaries under ``--jobs``, and a pickled named tuple per word is slow to load."""
        offsets = array("q", [offset - self.start for token in self.tokens for offset in token[:2]])
        return _sentence, (self.start, self.end, self.text, self.paragraph, offsets.tobytes())


def _sentence(start: int, end: int, text: str, paragraph: int, offsets: bytes) -> Sentence:
    """A pickled Sentence rebuilt: each token's text is the slice of the sentence's text."""
    at = array("q", offsets)
    make = tuple.__new__
    tokens = tuple(make(Token, (start + at[i], start + at[i + 1], text[at[i] : at[i + 1]])) for i in range(0, len(at), 2))
    return Sentence(start, end, text, paragraph, tokens)


@dataclass(frozen=True, slots=True)
class Document:
    """An article cut into paragraphs and the sentences the analyses read."""

    article: Article
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    headline: Sentence | None
    dateline: tuple[int, int] | None = None
    margins: tuple[Sentence, ...] = ()
    """The dateline and the sentences of furniture paragraphs (captions, photo credits): no analysis
    reads them, but their names are listed as entity mentions."""

    @property
    def text(self) -> str:
        return self.article.text


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention. ``entity`` is the canonical name it was linked to and
    ``country`` the ISO 3166-1 alpha-2 code of the country it names or implies, if any."""

    start: int
    end: int
    text: str
    label: Label
    entity: str | None = None
    country: str | None = None
    sentence: int = -1

    def linked(self, entity: str | None, country: str | None) -> Mention:
        """``replace(self, entity=entity, country=country)``, built directly: every mention is
        linked so, and dataclasses.replace looks up each field by name."""
        return Mention(self.start, self.end, self.text, self.label, entity, country, self.sentence)


@dataclass(frozen=True, slots=True)
class Actor:
    """A person or organisation within one document, all its mentions linked."""

    name: str
    type: Literal["PER", "ORG"]
    mentions: int
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    country: str | None = None
    gender: str | None = None
    """'f' or 'm' where titles or given names say so; used to keep Mrs and Mr Howard apart."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech: ``text == article.text[start:end]``, without the quotation marks."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_type: str | None = None
    """PER, ORG, or the ISO 3166-1 alpha-2 code of a country speaking; None without a typed speaker."""


@dataclass(frozen=True, slots=True)
class Extract:
    """A sentence chosen for a summary."""

    start: int
    end: int
    text: str
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything learnt from one article; a pure function of the article."""

    document: Document
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    summary: tuple[Extract, ...]
    references: tuple[Mention, ...] = ()
    """Role and organisation references linked to actors ("the Secretary General", "the alliance")."""
    margin_mentions: tuple[Mention, ...] = ()
    """Names in the document's margins (dateline, captions, photo credits), which no other analysis reads."""

    @property
    def doc(self) -> str:
        return self.document.article.doc
