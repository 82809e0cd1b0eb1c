"""Who said what: quoted speech found between quotation marks and attributed to a speaker.

Two steps. ``find_quote_spans`` pairs quotation marks paragraph by paragraph in one linear pass,
reading each mark's role from its neighbours, so curly, straight and malformed marks work and an
unclosed mark never shifts the pairs after it; a quote that runs over several paragraphs (each
opening, only the last closing) is followed across them. ``attribute`` then looks for a reporting
cue and its speaker around each quote, in the order news writes them, and resolves the speaker to
an actor of the article (names, pronouns by recency, role phrases such as "the Secretary General").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .actors import ActorIndex
from .model import Document, Quote, QuoteKind, Sentence, Token

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
_DASHES = "-–—"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Text between a pair of marks (marks excluded); ``continued`` when it goes on in the next
    paragraph without a closing mark."""

    start: int
    end: int
    paragraph: int
    continued: bool = False


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or '?' for the quotation mark at ``text[i]``, read from its neighbours."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    space_before = before.isspace() or before in "([{" + _DASHES
    end_after = after.isspace() or after in ".,;:!?)]}" + _DASHES
    mark = text[i]
    if mark in OPENERS:
        # “ used as a closer: `government, “- said`
        return "close" if end_after and not after.isalnum() and (not space_before or after in _DASHES) else "open"
    if mark in CLOSERS:
        return "open" if space_before and after.isalnum() else "close"
    if space_before and not end_after:
        return "open"
    if end_after and not space_before:
        return "close"
    return "?"


_QUOTE_CHARS = re.compile(r"[“”„«»\"]")


def find_quote_spans(document: Document) -> list[QuoteSpan]:
    """Quoted stretches of the body paragraphs, in order."""
    text = document.text
    body = [p for p in document.paragraphs if p.kind == "body"]
    spans: list[QuoteSpan] = []
    for number, paragraph in enumerate(body):
        lo, hi = paragraph.start, paragraph.end
        open_at: int | None = None
        if spans and spans[-1].continued and spans[-1].paragraph == body[number - 1].index:
            first = text[lo] if lo < hi else ""
            if first in OPENERS + STRAIGHT:
                open_at = lo + 1
        for match in _QUOTE_CHARS.finditer(text, lo, hi):
            i = match.start()
            if open_at is not None and i < open_at:
                continue
            role = _mark_role(text, i, lo, hi)
            if open_at is None:
                if role != "close":
                    open_at = i + 1
            elif role != "open" or text[i] == STRAIGHT and role == "?":
                spans.append(QuoteSpan(open_at, i, paragraph.index))
                open_at = None
            else:
                open_at = i + 1  # an opener inside an open quote: the first was never closed
        if open_at is not None and open_at < hi:
            following = body[number + 1] if number + 1 < len(body) else None
            if following and text[following.start : following.start + 1] in OPENERS + STRAIGHT:
                spans.append(QuoteSpan(open_at, hi, paragraph.index, continued=True))
    return spans


# ---------------------------------------------------------------------------------------------
# Attribution

CUE_VERBS = frozenset(
    """said says say saying told tells tell added adds adding wrote writes write tweeted tweets
    posted warned warns insisted insists stated states stressed stresses noted notes explained
    explains asked asks replied replies answered declared declares announced announces argued
    argues claimed claims continued continues concluded acknowledged acknowledges admitted admits
    remarked commented comments urged urges suggested suggests recalled recalls cautioned cautions
    emphasised emphasized emphasizes emphasises observed observes predicted predicts promised
    promises vowed vows pledged boasted complained complains conceded concedes countered counters
    disclosed revealed reveals responded responds reported reports confirmed confirms denied denies
    agreed agrees shouted yelled whispered joked quipped mused blasted slammed charged charges
    alleged alleges maintained maintains contended contends acknowledged assured assures reiterated
    reiterates testified testifies thundered lamented laments""".split()
)
PRONOUNS = frozenset({"he", "she", "they", "it"})
_STOP = frozenset({",", ".", ";", ":", "!", "?", "“", "”", '"', "‘", "’", "(", ")", "—", "–", "-", "--"})
_MARKS = frozenset({",", "-", "–", "—", "--", "”", "“", '"', "’", "‘", "»", "«"})
_EDGE_WORDS = frozenset(
    "also then later earlier today again had has have was is once and but as while when who which "
    "yesterday tonight recently previously further".split()
)
_AFTER_SUBJECT = frozenset({"on", "in", "at", "during", "after", "before", "while", "when", "today", "yesterday", "that", "to", "from"})
_SHORT_QUOTE_WORDS = 3


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    mention: str | None
    start: int | None
    end: int | None
    cue: str | None


_NO_SPEAKER = _Speaker(None, None, None, None, None)


class QuoteAttributor:
    """Document and its linked actors → quotes with speakers."""

    def __call__(self, document: Document, actors: ActorIndex) -> tuple[Quote, ...]:
        text = document.text
        sentences = [s for s in document.sentences if s is not document.headline]
        quotes: list[Quote] = []
        last: _Speaker = _NO_SPEAKER
        last_paragraph = -1
        for span in find_quote_spans(document):
            start, end = _strip_quote(text, span.start, span.end)
            sentence = _sentence_at(sentences, span.start)
            if start >= end or sentence is None:
                continue
            speaker = self._local_speaker(document, sentences, span, actors, last, last_paragraph)
            if speaker is _NO_SPEAKER and last.name and last_paragraph >= span.paragraph - 1:
                if _stands_alone(text, sentence, span) or _follows_quote(text, span, quotes):
                    speaker = _Speaker(last.name, None, None, None, None)
            if len(text[start:end].split()) <= _SHORT_QUOTE_WORDS and speaker.cue is None:
                continue  # scare quotes, titles, single terms: speech only when a cue governs them
            kind = _kind(text, sentences, span, speaker)
            quotes.append(
                Quote(start, end, text[start:end], kind, speaker.name, speaker.mention, speaker.start, speaker.end, speaker.cue)
            )
            if speaker.name:
                last, last_paragraph = speaker, span.paragraph
        return tuple(quotes)

    def _local_speaker(
        self,
        document: Document,
        sentences: Sequence[Sentence],
        span: QuoteSpan,
        actors: ActorIndex,
        last: _Speaker,
        last_paragraph: int,
    ) -> _Speaker:
        """The cue and speaker around the quote (after it first, as news writes it most), or a
        speaker announced at the end of the sentence before."""
        opening = _sentence_at(sentences, span.start)
        closing = _sentence_at(sentences, max(span.start, span.end - 1)) or opening
        after = [t for t in closing.tokens if t.start >= span.end] if closing else []
        before = [t for t in opening.tokens if t.end <= span.start] if opening else []
        found = _cue_after(after) or _cue_before(before)
        if found is None and opening is not None:
            found = _announced_before(sentences, opening)
        if found is None:
            return _NO_SPEAKER
        cue, phrase = found
        if not phrase:
            return _Speaker(None, None, None, None, cue.text)
        start, end = phrase[0].start, phrase[-1].end
        word = phrase[0].text.lower()
        if word in PRONOUNS:
            same_speaker = last.name and last_paragraph >= span.paragraph - 1 and not actors.person_between(last.end or 0, start)
            name = last.name if word in ("he", "she") and same_speaker else actors.person_before(start, word)
        else:
            name, start, end = actors.resolve(start, end)
        return _Speaker(name, document.text[start:end], start, end, cue.text)


def _strip_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Quote text without surrounding blanks, a trailing comma or a leftover mark or dash."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",“”\"" + _DASHES):
        end -= 1
    return start, end


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _is_cue(token: Token) -> bool:
    return token.text.lower() in CUE_VERBS


def _cue_after(after: Sequence[Token]) -> tuple[Token, list[Token]] | None:
    """`“…,” X said`, `“…,” said X`, `“…“- said the Secretary General`."""
    rest = list(after)
    while rest and rest[0].text in _MARKS:
        rest.pop(0)
    for j, token in enumerate(rest[:14]):
        if _is_cue(token):
            return token, _subject_after(rest, 1) if j == 0 else _subject_before(rest, j)
        if token.text in _STOP:
            return None
    return None


def _cue_before(before: Sequence[Token]) -> tuple[Token, list[Token]] | None:
    """`X said: “…`, `X said that “…`, `much of which he said targets “…”`, `according to X, “…`."""
    for j in range(len(before) - 1, -1, -1):
        token = before[j]
        if _is_cue(token):
            subject = _subject_before(before, j)
            if not subject and j + 1 < len(before) and before[j + 1].text[:1].isupper():
                subject = _subject_after(before, j + 1)  # `, said Mr Smith: “…`
            return token, subject
        if token.text.lower() == "to" and j > 0 and before[j - 1].text.lower() == "according":
            return before[j - 1], _subject_after(before, j + 1)
    return None


def _announced_before(sentences: Sequence[Sentence], sentence: Sentence) -> tuple[Token, list[Token]] | None:
    """`Davutoglu said during a news conference:` closing the sentence before the quote."""
    index = sentences.index(sentence)
    if index == 0:
        return None
    tokens = sentences[index - 1].tokens
    if not tokens or tokens[-1].text != ":":
        return None
    found = _cue_before(tokens[:-1])
    return found if found and found[1] else None


def _subject_after(tokens: Sequence[Token], i: int) -> list[Token]:
    """The speaker after an inverted cue: `said the Secretary General`, `said he`."""
    phrase: list[Token] = []
    for token in tokens[i : i + 10]:
        if token.text in _STOP or _is_cue(token) or token.text.lower() in _AFTER_SUBJECT:
            break
        phrase.append(token)
    return _speaker_words(phrase)


def _subject_before(tokens: Sequence[Token], j: int) -> list[Token]:
    """The words before a cue, back to the start of the clause, skipping an appositive
    ("Smith, the envoy, said"). The actor index picks the speaker among them."""
    clause: list[Token] = []
    k = j - 1
    if k >= 0 and tokens[k].text == ",":
        opening = next((m for m in range(k - 1, max(-1, k - 16), -1) if tokens[m].text == ","), None)
        if opening is not None:
            k = opening - 1
    while k >= 0 and tokens[k].text not in _STOP and not _is_cue(tokens[k]) and len(clause) < 30:
        clause.insert(0, tokens[k])
        k -= 1
    return _speaker_words(clause)


def _speaker_words(phrase: list[Token]) -> list[Token]:
    """Trim a candidate phrase: a pronoun nearest the cue stands for the speaker; "I"/"we" are
    never the speaker; adverbs and conjunctions at the edges go."""
    while phrase and phrase[-1].text.lower() in _EDGE_WORDS:
        phrase.pop()
    while phrase and phrase[0].text.lower() in _EDGE_WORDS:
        phrase.pop(0)
    for token in reversed(phrase):
        word = token.text.lower()
        if word in PRONOUNS:
            return [token]
        if word in ("i", "we", "you"):
            return []
    return phrase


def _stands_alone(text: str, sentence: Sentence, span: QuoteSpan) -> bool:
    """The quote is the whole sentence: a paragraph of speech continuing the last speaker."""
    return not text[sentence.start : span.start].strip(" “\"„«") and not text[span.end : sentence.end].strip(" ”\".,!?»")


def _follows_quote(text: str, span: QuoteSpan, quotes: Sequence[Quote]) -> bool:
    """`“…,” she said. “…”`: a split quote in the same paragraph."""
    return bool(quotes) and quotes[-1].end < span.start and not text[quotes[-1].end : span.start].count("\n\n")


def _kind(text: str, sentences: Sequence[Sentence], span: QuoteSpan, speaker: _Speaker) -> QuoteKind:
    """direct: the quote stands as sentences of its own, with at most the attribution around it;
    partial: a fragment woven into the reporter's sentence."""
    opening = _sentence_at(sentences, span.start)
    closing = _sentence_at(sentences, max(span.start, span.end - 1)) or opening
    if opening is None or closing is None:
        return "partial"
    prefix = text[opening.start : span.start].rstrip(" “\"„«")
    suffix = text[span.end : closing.end].lstrip(" ”\"»“")
    quoted = text[span.start : span.end].strip()
    attributed_before = speaker.start is not None and speaker.start < span.start
    opens = not prefix or prefix.endswith(":") or (prefix.endswith(",") and attributed_before)
    closes = not suffix.strip(" .!?") or quoted[-1:] in ",.!?" or suffix[:1] in ",-–—"
    return "direct" if opens and closes and (quoted[:1].isupper() or quoted[:1] in "\"'‘“") else "partial"
