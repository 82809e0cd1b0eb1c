"""Who said what: quoted speech found between quotation marks and attributed to a speaker.

Two steps. ``find_quote_spans`` pairs quotation marks paragraph by paragraph in one linear pass,
reading each mark's role from its neighbours, so curly, straight and malformed marks work and an
unclosed mark never shifts the pairs after it; a quote that runs over several paragraphs (each
opening, only the last closing) is followed across them. ``attribute`` then looks for a reporting
cue and its speaker around each quote, in the order news writes them, and resolves the speaker to
an actor of the article (names, pronouns by recency, role phrases such as "the Secretary General").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from importlib import resources

from .actors import ActorIndex, compatible
from .countries import country_of
from .model import Document, Mention, Quote, QuoteKind, Sentence, Token, first_token_from, tokens_ended_by
from .segment import punkt_model

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
_MARKUP_VALUE = re.compile(r"=(\"[^\"\n]*\")")  # `<tweet tweet-date="…">` left in scraped text: no speech


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
        markup = {i for m in _MARKUP_VALUE.finditer(text, lo, hi) for i in (m.start(1), m.end(1) - 1)}
        marks = [(m.start(), _mark_role(text, m.start(), lo, hi)) for m in _QUOTE_CHARS.finditer(text, lo, hi) if m.start() not in markup]
        k = 0
        while k < len(marks):
            i, role = marks[k]
            k += 1
            if open_at is not None and i < open_at:
                continue
            if open_at is None:
                if role != "close":
                    open_at = i + 1
            elif role != "open":
                spans.append(QuoteSpan(open_at, i, paragraph.index))
                open_at = None
            elif [r for _, r in marks[k : k + 2]] == ["close", "close"]:
                k += 1  # `“… what he calls “hell” than …”`: a quote within the quote
            else:
                open_at = i + 1  # an opener inside an open quote: the first was never closed
        if open_at is not None and open_at < hi:
            following = body[number + 1] if number + 1 < len(body) else None
            if following and text[following.start : following.start + 1] in OPENERS + STRAIGHT:
                spans.append(QuoteSpan(open_at, hi, paragraph.index, continued=True))
    return spans


# ---------------------------------------------------------------------------------------------
# Attribution

SPEECH_VERBS = frozenset(
    """said says say saying told tells tell added adds adding wrote writes write tweeted tweets
    posted warned warns insisted insists stated states stressed stresses noted notes explained
    explains asked asks replied replies answered declared declares announced announces argued
    argues claimed claims continued continues concluded acknowledged acknowledges admitted admits
    remarked commented comments urged urges suggested suggests recalled recalls cautioned cautions
    emphasised emphasized emphasizes emphasises observed observes predicted predicts promised
    promises vowed vows pledged boasted complained complains conceded concedes countered counters
    disclosed revealed reveals responded responds reported reports confirmed confirms denied denies
    agreed agrees shouted yelled yells whispered joked quipped mused blasted slammed charged charges
    alleged alleges maintained maintains contended contends assured assures reiterated reiterates
    testified testifies thundered lamented laments screamed screams shouts cried cries exclaimed
    pleaded pleads sighed laughed recounted recounts asserted asserts opined opines exhorted
    implored scolded pressed bragged groused grumbled echoed questioned thanked apologized
    apologised admitting acknowledging insisting arguing adding noting explaining warning read
    reads asking telling writing tweeting posting stating claiming declaring announcing replying
    responding lauded applauded credited commended welcomed retorted retorts interjected""".split()
)
# Verbs that characterise in someone's words: they govern a quoted term ("called the senator a
# “nasty guy”", "described them as “super predators”") as well as a longer quoted fragment.
CHARACTERISING_VERBS = frozenset(
    """call calls called calling describe describes described describing dub dubs dubbed label
    labels labeled labelled brand brands branded term terms termed refer refers referred referring
    cite cites cited citing condemn condemns condemned denounce denounced praise praised praises
    criticize criticized criticise criticised accuse accused accuses decry decried deem deemed
    characterize characterized characterise characterised mock mocked tout touted hail hailed
    proclaim proclaimed sing sings sang singing chant chanted chanting promise promised vow vowed
    urge urged demand demanded dismiss dismissed liken likens likened compare compares compared
    reference references referenced blame blames blamed rule rules ruled admire admires admired
    promising wonder wonders wondered introduce introduced attack attacks attacked consider
    considers considered rate rates rated judge judged find finds found""".split()
)
CUE_VERBS = SPEECH_VERBS | CHARACTERISING_VERBS
# Cue words that are also common nouns ("one of the states", "news reports"): a cue only right
# after a name or a pronoun, or right after the quote.
_NOUN_LIKE_CUES = frozenset(
    "states reports claims notes comments charges remarks answers promises calls terms labels brands "
    "counters posts tweets rules rates finds reads cites references".split()
)
_NOUN_BEFORE = frozenset("a an the his her its their our my these those amid after despite of about news media press ’s 's".split())
PRONOUNS = frozenset({"he", "she", "they", "it"})
_STOP = frozenset({",", ".", ";", ":", "!", "?", "“", "”", '"', "‘", "’", "(", ")", "—", "–", "-", "--"})
_MARKS = frozenset({",", "-", "–", "—", "―", "--", "”", "“", '"', "’", "‘", "»", "«"})
_QUOTE_MARKS = frozenset({"“", "”", '"', "«", "»", "„"})
_SENTENCE_END = frozenset({".", "?", "!", ";"})
_EDGE_WORDS = frozenset(
    "also then later earlier today again had has have was is once and but as while when who which even "
    "yesterday tonight recently previously further often still".split()
)
_AFTER_SUBJECT = frozenset(
    "on in at during after before while when today yesterday that to from "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)  # words that end an inverted subject: `said Stoltenberg on`, `tweeted Sunday`
_INTRODUCERS = frozenset(
    "in on at after before during when while as since despite although though if speaking asked amid "
    "following with without under unlike like among first second third finally "
    "later earlier however meanwhile instead still yet".split()
)  # words that open a phrase before a clause's subject
_CLAUSE_OPENERS = frozenset("and but while whereas when after before because since although though if unless until".split())
_PARTICIPLE_LEADS = frozenset({",", "by", "before", "after", "for", "while", "when"})  # `, saying`, `by saying`
_SHORT_QUOTE_WORDS = 3
_TITLE_WORDS = 6
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)?):\s+")
_PRONOUN_REACH = 3  # paragraphs back that a "he said" may reach for the last speaker


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    mention: str | None
    start: int | None
    end: int | None
    cue: str | None


_NO_SPEAKER = _Speaker(None, None, None, None, None)


class _Sentences(tuple):
    """A document's sentences with their start offsets, so every look-up is a bisect, and the
    subject of each sentence once it is asked for (see _is_subject), and which mentions a cue
    follows (see _followed_by_cue)."""

    def __new__(cls, sentences: _Sentences) -> _Sentences:
        self = super().__new__(cls, sentences)
        self.starts = [s.start for s in self]
        self.subjects: dict[int, int | None] = {}  # sentence index → its subject's start
        self.cued: dict[tuple[int, int], bool] = {}  # a mention's (start, end) → a cue follows it
        return self

    def index_of(self, offset: int) -> int:
        """The index of the sentence an offset falls in (or the last one before it)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def at(self, offset: int) -> Sentence | None:
        if not self:
            return None
        sentence = self[self.index_of(offset)]
        return sentence if sentence.start <= offset < sentence.end else None


@dataclass(frozen=True, slots=True)
class _Cue:
    """A reporting word and the words that may name its speaker."""

    token: Token
    phrase: list[Token]
    distance: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible speaker of a quote and the features the ranker scores it by."""

    name: str
    features: tuple[str, ...]
    mention: Mention | None


class SpeakerRanker:
    """A linear re-ranker over speaker candidates, trained on PolNeAR by scripts/train_quotes.py.

    The rules above propose a speaker; the ranker sees that proposal as one feature among others
    (where the candidate stands, whether it is a sentence's subject, whether it spoke before …)
    and overrides it where the training data showed the rules go wrong.
    """

    def __init__(self, weights: dict[str, float]):
        self.weights = weights

    def score(self, candidate: Candidate) -> float:
        get = self.weights.get
        return sum(get(f, 0.0) for f in candidate.features)

    def choose(self, candidates: Sequence[Candidate]) -> Candidate | None:
        return max(candidates, key=self.score, default=None)

    @classmethod
    def load(cls) -> SpeakerRanker | None:
        resource = resources.files("nato_digest") / "data" / "quotes" / "speaker_ranker.json"
        if not resource.is_file():
            return None
        return cls(json.loads(resource.read_text(encoding="utf-8"))["weights"])


@cache
def default_ranker() -> SpeakerRanker | None:
    return SpeakerRanker.load()


class QuoteAttributor:
    """Document and its linked actors → quotes with speakers."""

    def __init__(self, ranker: SpeakerRanker | None | bool = True):
        self.ranker = default_ranker() if ranker is True else (ranker or None)

    def __call__(self, document: Document, actors: ActorIndex) -> tuple[Quote, ...]:
        return tuple(quote for quote, _ in self.attribute(document, actors))

    def attribute(self, document: Document, actors: ActorIndex) -> Iterator[tuple[Quote, list[Candidate]]]:
        """Every quote with the speaker candidates that were weighed for it, one at a time: a
        document's candidates are never held at once (a document dense with quotes and names
        weighs dozens for each)."""
        text = document.text
        sentences = _Sentences([s for s in document.sentences if s is not document.headline])
        quotes: list[Quote] = []
        spoken: Counter = Counter()
        last: _Speaker = _NO_SPEAKER
        last_paragraph = -1
        spans = find_quote_spans(document)
        quoted = _QuotedText(spans)
        pronouns = _Pronouns(document, actors, quoted)
        for span in spans:
            start, end = _strip_quote(text, span.start, span.end)
            sentence = sentences.at(span.start)
            if start >= end or sentence is None:
                continue
            words = len(text[start:end].split())
            short = words <= _SHORT_QUOTE_WORDS
            if _is_title(text, span, words) or _is_nickname(text, span, words):
                continue  # on CNN's "State of the Union", Marcia "Cia" Price
            label = _TRANSCRIPT_LABEL.match(text, start, end)
            if label:  # "PENCE: Well, look, …" — a transcript line and its speaker
                name = actors.by_surname(label.group(1)) or label.group(1).title()
                speaker = _Speaker(name, label.group(1), label.start(1), label.end(1), ":")
                start = label.end()
            else:
                speaker = self._speaker(document, sentences, span, actors, pronouns, last, last_paragraph)
            continued = False
            if speaker is _NO_SPEAKER and last.name and last_paragraph >= span.paragraph - 1:
                if _stands_alone(text, sentence, span) or _follows_quote(text, span, quotes):
                    speaker, continued = _Speaker(last.name, None, None, None, None), True
            if short and speaker.cue is None and not continued:
                continue  # a scare quote or a single term that nobody is quoted as saying
            candidates = [] if label else _candidates(document, sentences, span, speaker, actors, last, spoken, quoted)
            if self.ranker and candidates:
                speaker = _reranked(speaker, self.ranker.choose(candidates))
            kind = _kind(text, sentences, span, speaker)
            quote = Quote(
                start, end, text[start:end], kind, speaker.name, speaker.mention, speaker.start, speaker.end, speaker.cue,
                _speaker_type(speaker.name, actors),
            )
            quotes.append(quote)
            yield quote, candidates
            if speaker.name:
                last, last_paragraph = speaker, span.paragraph
                spoken[speaker.name] += 1

    def _speaker(
        self,
        document: Document,
        sentences: _Sentences,
        span: QuoteSpan,
        actors: ActorIndex,
        pronouns: _Pronouns,
        last: _Speaker,
        last_paragraph: int,
    ) -> _Speaker:
        """The cue nearest the quote in its own sentence, before or after it; else a signature
        (`” ― Name`); else the attribution of the sentence just before."""
        opening = sentences.at(span.start)
        closing = sentences.at(max(span.start, span.end - 1)) or opening
        after = _tokens_after(closing, span.end) if closing else []
        before = _tokens_before(opening, span.start) if opening else []
        cues = [c for c in (_cue_after(after, before), *_cues_before(before)) if c]
        if not cues:
            signed = _signature(after)
            if signed:
                name, start, end = actors.resolve(signed[0].start, signed[-1].end)
                return _Speaker(name or _proper_name(document.text, signed), document.text[start:end], start, end, None)
            if opening is not None and _opens_sentence(document.text, opening, span):
                cues = [c for c in (_cue_in_previous_sentence(sentences, opening),) if c]
        if not cues:
            return _NO_SPEAKER
        speakers = sorted(
            ((self._resolve(document, cue, actors, pronouns, last, span.paragraph - last_paragraph), cue.distance) for cue in cues),
            key=lambda item: (item[0].name is None, item[0].start is None, item[1]),
        )
        return speakers[0][0]

    def _resolve(
        self, document: Document, cue: _Cue, actors: ActorIndex, pronouns: _Pronouns, last: _Speaker, paragraphs_since: int
    ) -> _Speaker:
        if not cue.phrase:
            return _Speaker(None, None, None, None, cue.token.text)
        start, end = cue.phrase[0].start, cue.phrase[-1].end
        word = cue.phrase[0].text.lower()
        if word in PRONOUNS:
            name = pronouns.resolve(word, start, last, paragraphs_since)
        else:
            name, start, end = _named_speaker(document.text, cue.phrase, actors, last)
        return _Speaker(name, document.text[start:end], start, end, cue.token.text)


def _named_speaker(text: str, phrase: list[Token], actors: ActorIndex, last: _Speaker) -> tuple[str | None, int, int]:
    """The speaker a phrase names, with the span of the words naming it: an actor; for `the
    article`, the source of the article quoted last; a name the recognizer missed (`Politifact
    ruled`; `a Times article` → the paper); or the name before an apposition (`China,
    Pyongyang’s only ally, said`)."""
    name, start, end = actors.resolve(phrase[0].start, phrase[-1].end)
    if name:
        return name, start, phrase[-1].end if phrase[-1].text in _SOURCE_NOUNS else end  # `a Times article`
    words = [t.text.lower() for t in phrase]
    if words[0] == "the" and len(words) == 2 and words[1] in _SOURCE_NOUNS and (last.mention or "").endswith(words[1]):
        return last.name, start, end  # `a Times article hailed …` … `“…” the article read`
    name = _proper_name(text, phrase)
    if name:
        if phrase[-1].text in _SOURCE_NOUNS:
            name = actors.organisation_with(name.split()[-1], start) or name  # `a Times article` → New York Times
        return name, start, end
    head = list(takewhile(lambda t: t.text != ",", phrase))
    name = _proper_name(text, head) if head and head != phrase else None
    return name, start, head[-1].end if name else end


_NOMINAL_CUES = frozenset(
    "claim claims statement remark remarks comment comments assertion promise pledge warning vow "
    "description argument contention suggestion accusation insistence".split()
)
_SOURCE_NOUNS = frozenset(
    "article report editorial story piece column memo statement letter release ad advertisement poll survey "
    "study analysis website account filing brief ruling book clip video tweet post".split()
)


def _proper_name(text: str, phrase: Sequence[Token]) -> str | None:
    """A speaker the recognizer did not tag but the text names ("Politifact ruled"): capitalised
    words none of which the sentence model knows as an ordinary lower-case word; or a group named
    by one plural word ("Police say", "Demonstrators said")."""
    words = [t for t in phrase if t.text.lower() not in ("the", "a", "an")]
    if words and words[0].text.lower() in _INTRODUCERS:
        return None  # `After saying …`
    while len(words) > 1 and words[-1].text in _SOURCE_NOUNS:
        words = words[:-1]  # `a Times article`, `a Homeland Security memo`: the paper, the department
    if len(words) == 1 and words[0].text[:1].isupper() and words[0].text.endswith(("s", "ce")) and len(words[0].text) > 4:
        return words[0].text
    if not 0 < len(words) <= 4 or not all(t.text[:1].isupper() and not _common_word(t.text) for t in words):
        return None
    return text[words[0].start : words[-1].end]


def _common_word(word: str) -> bool:
    flags = punkt_model().ortho_context.get(word.lower(), 0)
    return bool(flags & _MID_LC) and not flags & _MID_UC


_MID_UC, _MID_LC = 1 << 2, 1 << 5  # Punkt's orthographic-context flags


class _QuotedText:
    """The quoted stretches of a document, to ask in O(log n) whether an offset is inside one."""

    def __init__(self, spans: Sequence[QuoteSpan]):
        self.spans = spans  # in order and disjoint, as find_quote_spans makes them
        self.starts = [s.start for s in spans]

    def contains(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index].end


class _Pronouns:
    """Resolves "he said", "she added", "it said" for one document.

    Candidates are people named outside quotation marks. In order: the subject (first person) of
    the pronoun's own sentence, unless it stands aside (in an opening clause, after a preposition)
    and someone spoke lately; then of the sentence before; the last speaker, if lately; the
    nearest person. Gender from titles, given names and earlier resolutions rules candidates
    out; "it" and "they" go to organisations.
    """

    def __init__(self, document: Document, actors: ActorIndex, quoted: _QuotedText):
        self.actors = actors
        self.sentences = _Sentences(document.sentences)
        self.quoted = quoted
        self.genders = dict(actors.genders)

    def _outside(self, mention: Mention) -> bool:
        return not self.quoted.contains(mention.start)

    def _within_quote(self, sentence: Sentence) -> bool:
        first = next((t for t in sentence.tokens if t.text not in _QUOTE_MARKS), None)
        return first is not None and self.quoted.contains(first.start)

    def _person(self, mention: Mention, wanted: str | None) -> bool:
        """A person named outside quotation marks, of the wanted gender if known."""
        return mention.label == "PER" and bool(mention.entity) and self._outside(mention) and compatible(wanted, self.genders.get(mention.entity))

    def _people(self, start: int, end: int, wanted: str | None) -> list[Mention]:
        return [m for m in self.actors.linked_between(start, end) if self._person(m, wanted)]

    def resolve(self, word: str, offset: int, last: _Speaker, paragraphs_since: int) -> str | None:
        recent = last.name is not None and paragraphs_since <= _PRONOUN_REACH
        if word in ("it", "they"):
            if recent and self.actors.kind_of(last.name) == "ORG":
                return last.name
            return self.actors.organisation_before(offset)
        wanted = "m" if word == "he" else "f"
        name = self._choose(offset, wanted, last, recent)
        if name and name not in self.genders:
            self.genders[name] = wanted  # "she said" tells us about the speaker
        return name

    def _choose(self, offset: int, wanted: str, last: _Speaker, recent: bool) -> str | None:
        index = self.sentences.index_of(offset) if self.sentences else None
        last_is_person = recent and self.actors.kind_of(last.name) == "PER" and compatible(wanted, self.genders.get(last.name))
        if index is not None:
            sentence = self.sentences[index]
            own = self._people(sentence.start, offset, wanted)
            if own:  # `When Clinton took the stage, she said`, but not `Asked … that Clinton faces …, she replied`
                aside = all(_aside(self.actors.text, sentence, m) for m in own)
                return last.name if aside and last_is_person else own[0].entity
            earlier = [s for s in self.sentences[max(0, index - 12) : index] if not self._within_quote(s)][-3:]
            for previous in reversed(earlier):  # sentences of quoted speech in between do not count
                people = self._people(previous.start, previous.end, wanted)
                main = [m for m in people if not _aside(self.actors.text, previous, m)]
                if main:  # `On the show with Rusty Humphries, Ham said …` → Ham
                    return main[0].entity
                if people and not last_is_person:
                    return people[0].entity
                if not previous.tokens or previous.tokens[0].text.lower() not in ("he", "she"):
                    break  # only a sentence about the same "he" or "she" lets us look further back
        if last_is_person:
            return last.name
        return next((m.entity for m in self.actors.named_before("PER", offset) if self._person(m, wanted)), None)


_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ [“\"«]$")
_NAME_AFTER = re.compile(r"[”\"»] (?!(?:As|In|On|Of|And|Or|The|To|For|At|With|By|From|Is|Are|Was|Were)\b)[A-Z][a-z]")
_KINDS_OF_WORK = frozenset(
    "book memoir novel film movie documentary show series episode podcast album song play poem "
    "commentary column op-ed essay editorial".split()
)
_TITLE_LEAD = frozenset({"titled", "entitled", "of", "on", "in", "during", "at", "to", "from", "for", "a", "an", "the", "his", "her", "their"})
_TITLE_CONNECTORS = frozenset({"of", "the", "and", "in", "on", "a", "an", "for", "to", "it's", "it’s"})


_UNNAMED_OPENERS = frozenset({"a", "an", "one", "another"})
_UNNAMED_SOURCE_OPENERS = _UNNAMED_OPENERS | {"my", "our"}


def _speaker_type(name: str | None, actors: ActorIndex) -> str | None:
    """PER, ORG or the country code of a country speaking; None for a name no actor or country has
    (a city, a name the recognizer missed)."""
    country = country_of(name) if name else None
    return actors.kind_of(name) or (country[0] if country and country[1] == "name" and country[0] else None)


def _unnamed(speaker: _Speaker) -> bool:
    """The cue's subject is someone new and unnamed (`said one Democratic source`, `a friend
    commented`, `my father said`) or a text (`the letter reads`, `the ruling said`): better no
    speaker than someone else."""
    words = (speaker.mention or "").split()
    if speaker.name is not None or len(words) < 2 or not words[-1].islower():
        return False
    first = words[0].lower()
    return first in _UNNAMED_SOURCE_OPENERS or (first == "the" and words[-1] in _SOURCE_NOUNS)


def _within(mention: Mention | None, speaker: _Speaker) -> bool:
    return mention is not None and speaker.start is not None and speaker.end is not None and (
        speaker.start <= mention.start < speaker.end
    )


def _reranked(speaker: _Speaker, chosen: Candidate | None) -> _Speaker:
    """The ranker's choice, with the words that name it where they stand; but not someone named
    elsewhere when the rules found an unnamed source."""
    if chosen is None or chosen.name == speaker.name:
        return speaker
    if _unnamed(speaker) and not _within(chosen.mention, speaker):
        return speaker  # `said one Democratic source`, but `One Club for Growth ad` names the Club
    mention = chosen.mention
    if mention is None:
        return _Speaker(chosen.name, None, None, None, speaker.cue)
    return _Speaker(chosen.name, mention.text, mention.start, mention.end, speaker.cue)


LOOK_AROUND = 120
"""Tokens of its sentence read on each side of a quote for its cue and speaker: more than news
sentences hold, and a bound on the work per quote (a sentence of thousands of quotes, each reading
it whole, was quadratic: 80 kB took 50 s and 1.8 GB)."""
NEARBY_CHARACTERS = 1_500
"""How far from a quote, at most, its candidate speakers are named: the three sentences before
it and the one after, unless those are longer than news sentences are."""


def _tokens_before(sentence: Sentence, offset: int) -> list[Token]:
    """The last LOOK_AROUND tokens of ``sentence`` that end by ``offset``."""
    end = tokens_ended_by(sentence.tokens, offset)
    return list(sentence.tokens[max(0, end - LOOK_AROUND) : end])


def _tokens_after(sentence: Sentence, offset: int) -> list[Token]:
    """The first LOOK_AROUND tokens of ``sentence`` that start from ``offset``."""
    start = first_token_from(sentence.tokens, offset)
    return list(sentence.tokens[start : start + LOOK_AROUND])


def _candidates(
    document: Document,
    sentences: _Sentences,
    span: QuoteSpan,
    speaker: _Speaker,
    actors: ActorIndex,
    last: _Speaker,
    spoken: Counter,
    quoted: _QuotedText,
) -> list[Candidate]:
    """The people and organisations named near a quote (outside quotation marks), the rules'
    choice and the last speaker, each with the evidence for it."""
    opening = sentences.index_of(span.start)
    closing = sentences.index_of(max(span.start, span.end - 1))
    lo = max(sentences[max(0, opening - 3)].start, span.start - NEARBY_CHARACTERS)
    hi = min(sentences[min(len(sentences) - 1, closing + 1)].end, span.end + NEARBY_CHARACTERS)
    nearby: dict[str, list[Mention]] = {}
    for mention in actors.linked_between(lo, hi):
        if mention.label in ("PER", "ORG") and mention.entity and not quoted.contains(mention.start):
            nearby.setdefault(mention.entity, []).append(mention)
    names = set(nearby) | {n for n in (speaker.name, last.name) if n}
    first_cue_end = next((t.end for t in _tokens_before(sentences[opening], span.start) if _is_cue(t)), None)
    pronoun = (speaker.mention or "").lower() in PRONOUNS
    rule_kind = "pronoun" if pronoun else "none" if speaker.mention is None else "name"
    candidates = []
    for name in sorted(names):
        mentions = nearby.get(name, [])
        kind = actors.kind_of(name)
        features = ["bias", "type=" + str(kind or ("country" if country_of(name) else None))]
        if name == speaker.name:
            features += ["rule", f"rule&{rule_kind}", f"rule&cue={speaker.cue is not None}"]
        if name == last.name:
            features += ["last", f"last&rule={rule_kind}"]
        if spoken[name]:
            features.append(f"spoke={min(spoken[name], 3)}")
        features.append(f"count={min(actors.mentions_of(name), 6)}")
        before = [m for m in mentions if m.end <= span.start]
        after = [m for m in mentions if m.start >= span.end]
        if before:
            distance = opening - sentences.index_of(before[-1].start)
            features += [f"before={min(distance, 4)}", f"before={min(distance, 4)}&rule={rule_kind}"]
            if span.start - before[-1].end <= 60:
                features.append("adjacent-before")
        if after:
            distance = sentences.index_of(after[0].start) - closing
            features.append(f"after={min(distance, 2)}")
            if after[0].start - span.end <= 40:
                features.append("adjacent-after")
        if any(_is_subject(sentences, m, actors) for m in mentions):
            features.append("subject")
        features += _grammatical_role(document.text, mentions, first_cue_end, span.start)
        if any(_followed_by_cue(sentences, m) for m in mentions):
            features.append("mention-cue")
        if not mentions:
            features.append("not-nearby")
        if pronoun:
            wanted = {"he": "m", "she": "f"}.get((speaker.mention or "").lower())
            gender = actors.genders.get(name)
            features.append("gender=" + ("unknown" if gender is None or wanted is None else "agrees" if gender == wanted else "clashes"))
            if wanted:
                features.append(f"person-pronoun&type={kind}")  # "she said" is not the party
        nearest = before[-1] if before else (after[0] if after else None)
        candidates.append(Candidate(name, tuple(features), nearest))
    return candidates


_PREPOSITIONS = frozenset("to of for about against with at by on from than like toward towards".split())
_RELATIVES = frozenset({"who", "which", "whose", "whom", "where", "when"})
_APPOSITION_OPENERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "one"})
_NOT_AFTER_SUBJECT = _PREPOSITIONS | {"and", "or", "in"}  # lower-case words that do not open a predicate


def _grammatical_role(text: str, mentions: Sequence[Mention], first_cue_end: int | None, quote_start: int) -> list[str]:
    """Hints that a mention is not the one speaking: the object of the cue before the quote
    (`blasted Clinton as a “disgrace”`), a preposition's object (`said of Clinton`), or a
    possessive (`Trump's “…”`)."""
    roles = []
    if first_cue_end is not None and any(first_cue_end < m.start and m.end <= quote_start for m in mentions):
        roles.append("cue-object")
    if any(_after_preposition(text, m) for m in mentions):
        roles.append("preposition-object")
    if any(text[m.end : m.end + 2] in ("'s", "’s") or text[m.end - 2 : m.end] in ("'s", "’s") for m in mentions):
        roles.append("possessive")
    return roles


def _word_before(text: str, mention: Mention) -> str:
    return (text[max(0, mention.start - 16) : mention.start].split() or [""])[-1]


def _after_preposition(text: str, mention: Mention) -> bool:
    """`with Rusty Humphries`, `said of Clinton`: the mention is a preposition's object."""
    return _word_before(text, mention) in _PREPOSITIONS


def _aside(text: str, sentence: Sentence, mention: Mention) -> bool:
    """The mention is not the sentence's main actor: a preposition's object (`With Rusty Humphries,
    Ham said`), a modifier (`the Clinton campaign`) or inside an opening subordinate clause
    (`While Obama had …, that concerns Henry Crespo`)."""
    if _after_preposition(text, mention):
        return True
    if _word_before(text, mention).lower() in ("the", "a", "an"):
        return True
    opening = text[sentence.start : mention.start]
    return opening.split(" ", 1)[0].lower() in _INTRODUCERS and "," not in opening


def _is_subject(sentences: _Sentences, mention: Mention, actors: ActorIndex) -> bool:
    """The first person or organisation of its sentence that is not an aside (found once per
    sentence: a quote asks it of every candidate's mentions, and quotes share sentences)."""
    number = sentences.index_of(mention.start)
    if number not in sentences.subjects:
        sentence = sentences[number]
        first = next(
            (
                m for m in actors.linked_between(sentence.start, sentence.end)
                if m.label in ("PER", "ORG") and not _aside(actors.text, sentence, m)
            ),
            None,
        )
        sentences.subjects[number] = None if first is None else first.start
    return sentences.subjects[number] == mention.start


def _followed_by_cue(sentences: _Sentences, mention: Mention) -> bool:
    """Whether a cue is one of the two tokens after the mention (found once per mention: each
    quote nearby asks it again)."""
    key = (mention.start, mention.end)
    if key not in sentences.cued:
        sentence = sentences[sentences.index_of(mention.start)]
        at = first_token_from(sentence.tokens, mention.end)
        sentences.cued[key] = any(_is_cue(t) for t in sentence.tokens[at : at + 2])
    return sentences.cued[key]


def _is_title(text: str, span: QuoteSpan, words: int) -> bool:
    """A quote that names a show, a book or an event, not speech: after "titled", or in Title
    Case after a possessive, "of/on/in/during" or a determiner (`told MSNBC's “Morning Joe”`,
    `an episode of “The Steve Harvey Morning Show”`, `a “Commander-in-Chief Forum”`); after a
    kind of work, in Title Case or set off by commas (`the documentary “Weiner”`, `Davis'
    commentary, “Melania, tell your immigrant story,” is`). A lower-case term after a possessive
    is speech (`Machado's “sex tape”`)."""
    before = text[max(0, span.start - 40) : span.start].rstrip(" “\"„«").split()
    if not before or words > _TITLE_WORDS * 2:
        return False
    if before[-1].lower() in ("titled", "entitled"):
        return words <= _TITLE_WORDS
    quoted = text[span.start : span.end].strip(" ,.!?")
    title_case = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_CONNECTORS for w in quoted.split())
    work = before[-1].rstrip(",").lower() in _KINDS_OF_WORK
    set_off = before[-1].endswith(",") and "," in text[span.end - 1 : span.end + 2]
    if work and (title_case or set_off):
        return True
    if words > _TITLE_WORDS:
        return False
    if title_case and before[-1].endswith(("’s", "'s")):
        return True  # `NBC’s “Today”`
    return title_case and words >= 2 and before[-1].lower() in _TITLE_LEAD


def _is_nickname(text: str, span: QuoteSpan, words: int) -> bool:
    """`Marcia “Cia” Price`, `John “Tig” Tiegen`: a short capitalised quote between a first name
    and a surname."""
    return (
        words <= 3
        and _NAME_BEFORE.search(text, max(0, span.start - 25), span.start) is not None
        and _NAME_AFTER.match(text, span.end) is not None
        and text[span.start : span.start + 1].isupper()
        and text[span.end - 1 : span.end].isalpha()
    )


def _strip_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Quote text without surrounding blanks, a trailing comma or a leftover mark or dash."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",“”\"" + _DASHES):
        end -= 1
    return start, end


def _is_cue(token: Token, previous: Token | None = None, following: Token | None = None) -> bool:
    word = token.text.lower()
    if word == "put":
        return following is not None and following.text.lower() == "it"  # `as The New Yorker put it`
    if word in ("shot", "fired", "hit"):
        return following is not None and following.text.lower() == "back"  # `Trump shot back`
    if word not in CUE_VERBS:
        return False
    if word in _NOUN_LIKE_CUES and previous is not None:
        if previous.text.lower() in _NOUN_BEFORE or (token.text[:1].isupper() and previous.text[:1].isupper()):
            return False  # `Amid reports that`, `the claims that`, `the United States, Clinton’s aide said`
        after_verb = following is not None and following.text.lower() in ("that", ",", ":", "to", "on", "in")
        verb_position = previous.text.lower() in PRONOUNS or previous.text.lower() in ("and", "who", "which", "also")
        return verb_position or previous.text in _MARKS or after_verb
    return True


def _cue_at(tokens: Sequence[Token], k: int) -> bool:
    """``tokens[k]`` is a cue, read with its neighbours."""
    return _is_cue(tokens[k], tokens[k - 1] if k else None, tokens[k + 1] if k + 1 < len(tokens) else None)


def _has_cue(tokens: Sequence[Token]) -> bool:
    return any(_cue_at(tokens, k) for k in range(len(tokens)))


def _cue_after(after: Sequence[Token], before: Sequence[Token]) -> _Cue | None:
    """`“…,” X said`, `“…,” said X`, `“…“- said the Secretary General`, `“…” is key, X said`,
    `a “walk-in” at 2,000 schools, according to X`; a verb coordinated after the quote speaks
    for the subject of the words ``before`` it."""
    rest = _without_parentheses(after)
    while rest and rest[0].text in _MARKS:
        rest.pop(0)
    if rest and rest[0].text.lower() in _CLAUSE_OPENERS:
        return None  # `“a stab in the back” and Turkey insisted …`, `“…” when Clinton blasted him`: another clause
    for j, token in enumerate(rest[:25]):
        if token.text in _SENTENCE_END or token.text in _QUOTE_MARKS:
            return None
        if token.text.lower() == "according" and j + 1 < len(rest) and rest[j + 1].text.lower() == "to":
            return _Cue(token, _subject_after(rest, j + 2), j)
        if _cue_at(rest, j):
            if j and rest[j - 1].text.lower() in ("and", "but"):
                # `Trump has used the phrase “…” often, and criticized Obama`: the subject of the whole clause
                return _Cue(token, _opening_subject(_unquoted(before)), j)
            inverted = j == 0 or rest[j - 1].text in (",", "—", "–")
            phrase = _subject_after(rest, j + 1) if inverted else []
            if not phrase and j > 0:
                phrase = _subject_before(rest, j)
            if inverted and j > 0 and rest[0].text[:1].isupper():
                # `“…,” Scott Pruitt, the attorney general of Oklahoma, said`: the name right after the quote
                phrase = list(rest[: next((k for k, t in enumerate(rest) if t.text == ","), j)]) + phrase
            return _Cue(token, phrase, j)
    return None


def _without_parentheses(tokens: Sequence[Token]) -> list[Token]:
    """Tokens outside parentheses: `Sen. Claire McCaskill (D-Mo.) said`."""
    kept, depth = [], 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(token)
    return kept


def _unquoted(tokens: Sequence[Token]) -> list[Token]:
    """Tokens outside quotation marks, so the words of an earlier quote never name a speaker."""
    kept, inside = [], False
    for token in tokens:
        if token.text in _QUOTE_MARKS:
            inside = token.text in OPENERS or (token.text == STRAIGHT and not inside)
        elif not inside:
            kept.append(token)
    return kept


def _cues_before(before: Sequence[Token], limit: int = 3) -> list[_Cue]:
    """`X said: “…`, `X said that “…`, `much of which he said targets “…”`, `according to X, “…`:
    the nearest few cues before the quote, so a cue in a relative clause ("anybody who complains")
    does not hide the one that names the speaker."""
    before = _without_parentheses(before)
    cues: list[_Cue] = []
    for j in range(len(before) - 1, -1, -1):
        if len(cues) >= limit:
            break
        token = before[j]
        distance = len(before) - j
        if _cue_at(before, j):
            previous = before[j - 1].text.lower() if j else ""
            coordinated = previous in ("and", "but", "then", "to") or (previous in _PARTICIPLE_LEADS and token.text.endswith("ing"))
            if coordinated:
                # `X …, saying that “…`, `she called … and called for “…`, `going on to say`: the clause's
                # subject; none when an earlier cue of the clause names it (`“…,” the senator said, arguing`)
                clause = _unquoted(before[: j - 1])
                subject = [] if _has_cue(clause) else _opening_subject(clause) or clause
            else:
                subject = _subject_before(before, j)
            if not subject and not coordinated and j + 1 < len(before) and before[j + 1].text[:1].isupper():
                subject = _subject_after(before, j + 1)  # `, said Mr Smith: “…`
            cues.append(_Cue(token, subject, distance))
        elif token.text.lower() == "to" and j > 0 and before[j - 1].text.lower() == "according":
            cues.append(_Cue(before[j - 1], _subject_after(before, j + 1), distance))
    if not cues:
        fallback = _characterisation(before) or _nominal_cue(before) or _colon_cue(before)
        if fallback:
            cues.append(fallback)
    return cues


def _nominal_cue(before: Sequence[Token]) -> _Cue | None:
    """`Donald Trump’s claim that there have been “thousands of shootings”`: a noun of saying
    after a possessive name, in the clause just before the quote, where no verb names a speaker."""
    for j in range(len(before) - 1, max(-1, len(before) - 16), -1):
        token = before[j]
        if token.text in _STOP and token.text not in _QUOTE_MARKS:
            return None
        if token.text.lower() in _NOMINAL_CUES:
            k = j - 1 if j and before[j - 1].text[:1].islower() and before[j - 1].text not in ("’s", "'s") else j
            if k >= 2 and before[k - 1].text in ("’s", "'s") and before[k - 2].text[:1].isupper():
                name_start = k - 2
                while name_start > 0 and before[name_start - 1].text[:1].isupper():
                    name_start -= 1
                return _Cue(token, list(before[name_start : k - 1]), len(before) - j)
    return None


def _colon_cue(before: Sequence[Token]) -> _Cue | None:
    """`Kasich resisted: “…`, `Obama is rolling out a new message: “…`: a clause that introduces
    the quote with a colon, said by the name it opens with."""
    words = _unquoted(before)
    if not words or words[-1].text != ":":
        return None
    label = _subject_before(words, len(words) - 1)
    if label and all(t.text[:1].isupper() for t in label) and words[-2] is label[-1]:
        return _Cue(words[-1], label, 1)  # `Pollsters agree - Carl Bialik: “…`
    subject = _opening_subject(words[:-1])
    return _Cue(words[-1], subject, 1) if subject else None


def _characterisation(before: Sequence[Token]) -> _Cue | None:
    """`Bill Clinton criticized the law as a “crazy system”`, `the campaign rejected the idea as
    “ludicrous”`: ``as`` (and an article) just before the quote, said by the named subject that
    opens the clause."""
    words = [t for t in before if t.text not in _QUOTE_MARKS]
    tail = [t.text.lower() for t in words[-2:]]
    if not words or not (tail[-1] == "as" or tail in (["as", "a"], ["as", "an"], ["as", "the"])):
        return None
    j = len(words) - (1 if tail[-1] == "as" else 2)
    subject = _clause_subject(_subject_before(words, j))
    return _Cue(words[j], subject, len(before) - j) if subject else None


def _clause_subject(clause: list[Token]) -> list[Token]:
    """The name a clause opens with, past an introductory phrase: `In recent weeks, Reid has
    gone after Trump` → Reid. The first run of capitalised words that a verb, a relative
    pronoun or an apposition follows; nothing without one."""
    k = 0
    while k < len(clause):
        if not clause[k].text[:1].isupper():
            k += 1
            continue
        run_end = k
        while run_end < len(clause) and (clause[run_end].text[:1].isupper() or clause[run_end].text in ("'s", "’s", ".")):
            run_end += 1
        following = clause[run_end].text if run_end < len(clause) else ""
        after_comma = clause[run_end + 1].text.lower() if following == "," and run_end + 1 < len(clause) else ""
        opens_clause = (following[:1].islower() and following.lower() not in _NOT_AFTER_SUBJECT) or (
            after_comma in _RELATIVES or after_comma in ("a", "an", "the", "his", "her", "their", "its")
        )
        if opens_clause and clause[k].text.lower() not in PRONOUNS:
            return clause[k:run_end]
        k = run_end
    return []


def _opening_subject(clause: list[Token]) -> list[Token]:
    """The subject a participle or a coordinated cue shares with its clause, when the clause
    opens with it: `he held his fire on Ben Carson, calling him` → he; `Sen. Bernie Sanders
    visited NBC to discuss … Hillary Clinton, saying` → Sanders. Past an introductory phrase
    (`In response to …,`); nothing when a name opens the clause but is not its subject."""
    start = 0
    if clause and clause[0].text.lower() in _INTRODUCERS:
        start = next((k + 1 for k, t in enumerate(clause) if t.text == ","), 0)
    for k in range(start, len(clause)):
        token = clause[k]
        if token.text.lower() in PRONOUNS:
            return [token]
        if token.text.lower() in _EDGE_WORDS:
            continue  # `Then he cut into Bush, calling him`
        if token.text.lower() in _UNNAMED_OPENERS and _unnamed_subject(clause[k:]):
            return clause[k : k + 2]  # `One operative inside Trump Tower tried …, saying`: someone unnamed
        if token.text[:1].isupper() and not _common_word(token.text):
            name = _clause_subject(clause[k:])
            return name if name and name[0] is token else []
    return []


def _unnamed_subject(clause: list[Token]) -> bool:
    """`One operative …`, but not `A month later, he …`: a noun follows and no comma ends the phrase."""
    return len(clause) > 1 and clause[1].text.islower() and not any(t.text == "," for t in clause)


def _signature(after: Sequence[Token]) -> list[Token]:
    """`“…” ― Steve Quinlan`: a name after a dash, closing the sentence."""
    rest = list(after)
    while rest and rest[0].text in ("”", '"', "’", "»"):
        rest.pop(0)
    if not rest or rest[0].text not in ("―", "—", "–", "-", "--"):
        return []
    name = [t for t in rest[1:] if t.text not in (".",)]
    return name if 0 < len(name) <= 5 and all(t.text[:1].isupper() for t in name) else []


def _opens_sentence(text: str, sentence: Sentence, span: QuoteSpan) -> bool:
    return not text[sentence.start : span.start].strip(" “\"„«")


def _cue_in_previous_sentence(sentences: _Sentences, sentence: Sentence) -> _Cue | None:
    """`Davutoglu said during a news conference:` or `…, Schiff said.` just before a quote that
    opens its sentence."""
    index = sentences.index_of(sentence.start)
    if index == 0:
        return None
    previous = sentences[index - 1]
    tokens = list(previous.tokens)
    if tokens and tokens[-1].text in (":", ".", ","):
        tokens = tokens[:-1]
    if previous.tokens and previous.tokens[-1].text != ":" and previous.paragraph != sentence.paragraph:
        return None
    if any(t.text in _QUOTE_MARKS for t in tokens):
        return None  # the previous sentence has its own quote and speaker
    return next((cue for cue in _cues_before(tokens) if cue.phrase), None)


def _subject_after(tokens: Sequence[Token], i: int) -> list[Token]:
    """The speaker after an inverted cue: `said the Secretary General`, `said he`."""
    phrase: list[Token] = []
    for token in tokens[i : i + 10]:
        if token.text in _STOP or _is_cue(token) or token.text.lower() in _AFTER_SUBJECT:
            break
        phrase.append(token)
    return _speaker_words(phrase)


def _subject_before(tokens: Sequence[Token], j: int) -> list[Token]:
    """The words before a cue, back to the start of the clause, with the appositives between
    commas ("Smith, the envoy, said"; "Jean-Marc Ayrault, the foreign minister of France, a
    permanent member of the Security Council, said") but not a relative clause ("Christie, who
    has campaigned for Trump since he …, blasted"). The actor index picks the speaker among them;
    the commas stay, so the words before the first one can be read as a name of their own."""
    appositions: list[Token] = []
    k, skipped, relative = j - 1, 0, False
    while k > 0 and (tokens[k].text in _EDGE_WORDS or _is_adverb(tokens[k].text)):
        relative = relative or tokens[k].text in _RELATIVES
        k -= 1  # `Morial, the chief executive of the League, forcefully told`
    while k >= 0 and tokens[k].text == "," and skipped < 3:
        opening = next((m for m in range(k - 1, max(-1, k - 30), -1) if tokens[m].text == ","), None)
        if opening is None:
            break
        segment = list(tokens[opening:k])  # "His partner, Lawrence B. Cummings, called"
        words = [t for t in segment[1:] if t.text not in _QUOTE_MARKS]
        first = words[0].text.lower() if words else ""
        if first in ("and", "or", "but"):
            return _speaker_words(words[1:] + appositions)  # `Trump, who has called it “insanity,” and Sanders, who says`
        if skipped and first not in _APPOSITION_OPENERS and first not in _RELATIVES:
            break  # "In Brussels, Smith, the envoy, said": a further apposition must look like one
        # a relative clause goes with any commas inside it ("Swanson, who is a pastor at … of Elizabeth, Colorado, slammed")
        appositions = [] if first in _RELATIVES else segment + appositions
        k, skipped = opening, skipped + 1
    k -= 1 if skipped or (relative and tokens[k].text == ",") else 0  # `with Trump, who has called`
    clause: list[Token] = []
    while k >= 0 and tokens[k].text not in _STOP and not _is_cue(tokens[k]) and len(clause) < 30:
        clause.insert(0, tokens[k])
        k -= 1
    return _speaker_words(clause + appositions) if clause else _speaker_words(appositions[1:])


def _is_adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4


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


def _kind(text: str, sentences: _Sentences, span: QuoteSpan, speaker: _Speaker) -> QuoteKind:
    """direct: the quote stands as sentences of its own, with at most the attribution around it;
    partial: a fragment woven into the reporter's sentence."""
    opening = sentences.at(span.start)
    closing = sentences.at(max(span.start, span.end - 1)) or opening
    if opening is None or closing is None:
        return "partial"
    prefix = text[opening.start : span.start].rstrip(" “\"„«")
    suffix = text[span.end : closing.end].lstrip(" ”\"»“")
    quoted = text[span.start : span.end].strip()
    attributed_before = speaker.start is not None and speaker.start < span.start
    opens = not prefix or prefix.endswith(":") or (prefix.endswith(",") and attributed_before)
    closes = not suffix.strip(" .!?") or quoted[-1:] in ",.!?" or suffix[:1] in ",-–—"
    return "direct" if opens and closes and (quoted[:1].isupper() or quoted[:1] in "\"'‘“") else "partial"
