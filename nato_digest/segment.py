"""Cut an article into paragraphs, sentences and tokens, every piece an offset span of the original.

Layout first: lines become paragraphs, and page furniture (breadcrumbs, repeated headlines and
captions, sign-up boxes, author bios) is set aside so no analysis reads it. Then sentence
boundaries, decided by the Punkt algorithm (Kiss & Strunk 2006) with parameters trained on news by
``scripts/train_punkt.py`` — but evaluated only at candidate punctuation, not token by token, which
is what makes it fast. Finally tokens, from one compiled regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import accumulate
from operator import sub
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources

from .model import Article, Document, Paragraph, Sentence, Token

# Punkt's orthographic-context flags (nltk.tokenize.punkt), as stored in ortho_context.tab.
_BEG_UC, _MID_UC, _UNK_UC, _BEG_LC, _MID_LC, _UNK_LC = (1 << n for n in range(1, 7))
_ORTHO_UC = _BEG_UC | _MID_UC | _UNK_UC
_ORTHO_LC = _BEG_LC | _MID_LC | _UNK_LC

OPENING_MARKS = "\"'“‘«([{"
CLOSING_MARKS = "\"'”’»)]}"


@dataclass(frozen=True, slots=True)
class PunktModel:
    """Punkt parameters (the four tables of NLTK's ``punkt_tab`` layout) and the curated titles."""

    abbreviations: frozenset[str]
    titles: frozenset[str]
    collocations: frozenset[tuple[str, str]]
    sentence_starters: frozenset[str]
    ortho_context: Mapping[str, int]


def _data_lines(name: str) -> Iterator[str]:
    path = resources.files("nato_digest") / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line


@cache
def punkt_model() -> PunktModel:
    """The shipped Punkt model, loaded once."""
    collocations = frozenset(tuple(line.split("\t")[:2]) for line in _data_lines("punkt/collocations.tab"))
    curated = [line.split("\t") for line in _data_lines("abbreviations.txt")]
    return PunktModel(
        abbreviations=frozenset(_data_lines("punkt/abbrev_types.txt")),
        titles=frozenset(row[0] for row in curated if row[1:] == ["title"]),
        collocations=collocations,  # type: ignore[arg-type]
        sentence_starters=frozenset(_data_lines("punkt/sent_starters.txt")),
        ortho_context=_ortho_context(),
    )


def _ortho_context() -> dict[str, int]:
    """Word → its orthographic context flags, from rows of a word and its flags cut into cells at
    once (38,000 rows; scripts/train_punkt.py writes no comments or empty lines in this table)."""
    cells = (resources.files("nato_digest") / "data" / "punkt" / "ortho_context.tab").read_text(encoding="utf-8").rstrip("\n").replace("\n", "\t").split("\t")
    return dict(zip(cells[0::2], map(int, cells[1::2])))


# ---------------------------------------------------------------------------------------------
# Sentence boundaries

_CANDIDATE = re.compile(
    r"""(?P<punct>\.{2,}|…|[.?!]+)
        (?P<close>[\"'”’»)\]]*(?:[“‘](?=\s|$))?)
        (?=(?P<space>\s)|$|(?P<glued>[A-Z]))""",
    re.VERBOSE,
)
# A missing period, typical of scraped pages with inline photo captions: "…than a colleague The cost
# of divorce…", "…in the middle of a match A chess grandmaster has…". A capitalised determiner or
# pronoun after a lower-case letter, followed by a lower-case word, on one line ("told The Associated
# Press" has a capital after, and stays whole); "A", "An" and "It", which also sit inside titles and
# names ("Group A", "Just Do It"), only after a word that starts in lower case.
_GLUED = re.compile(r"(?<=[ \t])(?:(?P<opener>The|He|She|They|This|These|His|Her|Their|We|In)|A|An|It)[ \t]+[a-z]")
_GLUED_AFTER = re.compile(r"[a-z0-9%][’'”\")]?$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[{]*(\S*)")
# `“Is it over?” Smith asked.`: a name and a speech verb after a closing quote continue the sentence;
# not `.” Russia insisted that …`, a new sentence reporting something else.
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:(?:[A-Z][\w.'’-]*|of|the)\s+){1,5}(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|replied|"
    r"demanded|shouted|exclaimed|tweeted|continued|recalled|wondered|insisted|quipped|yelled)\b(?!\s+that\b)"
)
# After `.”` the attribution closes its sentence (`.” Smith said on Monday.`); a verb followed by what
# it reports opens a new one (`.” South Korean President Park said Kim's state is …`).
_ATTRIBUTION_CLOSES = re.compile(
    r"\s*(?:[.,;:!?(]|$|(?:on|in|at|during|after|before|while|yesterday|today|tonight|last|this|earlier|later|"
    r"again|then|afterward|afterwards|recently|previously|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_INITIALS = re.compile(r"(?:[A-Z]\.){0,2}[A-Z]")
_NUMERIC = re.compile(r"^-?[.,]?\d[\d,.\-]*\.?$")
_TRAILING = ",;:!?\"'”’»)]}."


def _punkt_type(word: str) -> str:
    lowered = word.lower()
    return "##number##" if _NUMERIC.match(lowered) else lowered


def _after_lower_word(text: str, floor: int, at: int) -> bool:
    """The word ending at ``at`` starts in lower case or with a digit ("match", "5,000")."""
    word = text[max(text.rfind(" ", floor, at), text.rfind("\n", floor, at), floor - 1) + 1 : at].lstrip("(“\"'‘[")
    return bool(word) and (word[0].islower() or word[0].isdigit()) and "." not in word


_VISIBLE = re.compile(r"\S")


class SentenceSplitter:
    """Decides sentence boundaries inside one paragraph with Punkt's heuristics."""

    def __init__(self, model: PunktModel):
        self.model = model

    def boundaries(self, text: str, start: int, end: int) -> list[int]:
        """End offsets of the sentences in ``text[start:end]``; the last is ``end``."""
        cuts = []
        for match in _CANDIDATE.finditer(text, start, end):
            cut = match.end()
            if cut >= end or not _VISIBLE.search(text, cut, end):  # only space left (not copied: a paragraph may be MBs)
                break
            if self._is_boundary(text, start, match):
                cuts.append(cut)
        glued = [cut for match in _GLUED.finditer(text, start, end) if (cut := self._glued_cut(text, start, match))]
        if glued:
            cuts = sorted(set(cuts) | set(glued))
        cuts.append(end)
        return cuts

    @staticmethod
    def _glued_cut(text: str, floor: int, match: re.Match[str]) -> int | None:
        """Where a caption glued to the next sentence ends, if the words around say so."""
        cut = match.start()
        while cut > floor and text[cut - 1] in " \t":
            cut -= 1
        if not _GLUED_AFTER.search(text, max(floor, cut - 2), cut):
            return None
        return cut if match.group("opener") or _after_lower_word(text, floor, cut) else None

    def _is_boundary(self, text: str, floor: int, match: re.Match[str]) -> bool:
        punct, close = match.group("punct"), match.group("close")
        word_start = match.start()
        while word_start > floor and not text[word_start - 1].isspace():
            word_start -= 1
        previous = text[word_start : match.start()].lstrip(OPENING_MARKS)
        following = _NEXT_WORD.match(text, match.end()).group(1)
        if match.group("glued"):
            # "air strikes.NATO": a missing space; never "U.S" or "Ph.D".
            return (
                len(previous) >= 3
                and previous.isalpha()
                and previous[-1].islower()
                and previous.lower() not in self.model.abbreviations
            )
        if not following:
            return True
        if following[0] in "―—–":
            return False  # `…,” ― Steve Quinlan`: the attribution follows
        if close and following[0].islower():
            return False  # `“Is it?” he asked`, `“…allies.” he said`
        attribution = _ATTRIBUTION_AFTER.match(text, match.end())
        if close and attribution and (punct != "." or _ATTRIBUTION_CLOSES.match(text, attribution.end())):
            return False  # `“Why?” Vitter demanded`, `“…allies.” Smith said.`
        before = text[max(floor, word_start - 30) : word_start].split()
        after_name = bool(before) and before[-1][:1].isupper() and before[-1].isalpha()
        if punct.endswith(("?", "!")):
            return True
        if len(punct) > 1 or punct == "…":
            # an ellipsis or a doubled period ("Inc..") ends a sentence before a capital
            return following[0].isupper() or self._after_abbreviation(following, self._type(following))
        return self._after_period(previous, following, after_name)

    def _type(self, word: str) -> str:
        return _punkt_type(word.rstrip(_TRAILING) or word)

    def _after_period(self, previous: str, following: str, after_name: bool = False) -> bool:
        """Punkt's first and second pass for a word that ends in a period."""
        model = self.model
        if after_name and following[0].isupper() and _INITIALS.fullmatch(previous):
            return False  # "Donald J. Trump", "George H.W. Bush": middle initials
        word_type = _punkt_type(previous)
        next_type = self._type(following)
        if (word_type, next_type) in model.collocations:
            return False
        is_abbreviation = (
            word_type in model.abbreviations or word_type.split("-")[-1] in model.abbreviations
        )
        # "J.R.R. Tolkien": a run of dotted initials that is no known abbreviation is read as one initial
        is_initial = (len(previous) == 1 and previous.isalpha()) or (
            not is_abbreviation and _INITIALS.fullmatch(previous) is not None
        )
        if is_abbreviation and not is_initial:
            if word_type in model.titles and following[0].isupper():
                return False
            return self._after_abbreviation(following, next_type)
        if is_initial or word_type == "##number##":
            starter = self._ortho_heuristic(following, next_type)
            if starter is False:
                return False
            if (
                starter is None
                and is_initial
                and following[0].isupper()
                and not model.ortho_context.get(next_type, 0) & _ORTHO_LC
            ):
                return False
        return True

    def _after_abbreviation(self, following: str, next_type: str) -> bool:
        if self._ortho_heuristic(following, next_type) is True:
            return True
        return following[0].isupper() and next_type in self.model.sentence_starters

    def _ortho_heuristic(self, following: str, next_type: str) -> bool | None:
        """True if the next word starts a sentence, False if it does not, None if unsure."""
        if following[0] in ";:,.!?":
            return False
        ortho = self.model.ortho_context.get(next_type, 0)
        if following[0].isupper() and ortho & _ORTHO_LC and not ortho & _MID_UC:
            return True
        if following[0].islower() and (ortho & _ORTHO_UC or not ortho & _BEG_LC):
            return False
        return None


# ---------------------------------------------------------------------------------------------
# Tokens


def _token_pattern(abbreviations: frozenset[str]) -> re.Pattern[str]:
    words = sorted(
        (re.escape(a) for a in abbreviations if a.replace(".", "").replace("-", "").isalpha() and len(a) <= 7),
        key=len,
        reverse=True,
    )
    # The rare forms (e-mail, domain, abbreviation) sit behind lookaheads that fail fast on an
    # ordinary word, so the common case costs one short scan.
    return re.compile(
        rf"""\s*(?:
        [^\W\d_]\w*(?=[\s,;:!?)"”\]}}]|$)                    # an ordinary word: most tokens
        | https?://[^\s<>"“”]*[^\s<>"“”.,;:!?)\]]           # URL
        | (?=[\w.+-]+@)[\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail
        | (?:[^\W\d_]\.){{2,}}(?![^\W\d_])                  # U.S. U.K. a.m.
        | (?=[\w-]+\.[a-z])[^\W\d_][\w-]*(?:\.[a-z][\w-]*)*\.[a-z]{{2,6}}\b  # Joinfo.ua nato.int
        | (?=[A-Za-z-]{{1,7}}\.)\b(?i:{"|".join(words)})\.(?!\w)  # Gen. Nov. Inc. R-Ky.
        | \b[A-Z]\.(?=\s+[A-Z])                             # J. Bach
        | \d+(?:[.,:/]\d+)*(?:-?[^\W\d_]+)?(?:-\w+)*          # 5,500 3.5 10:30 1990s 30-year 52-count
        | \w+(?=n['’]t\b) | n['’]t\b                        # do n't
        | ['’](?:[sSdDmM]|re|ve|ll|RE|VE|LL)\b              # 's 're 'll
        | \w+(?:-\w+)*(?:['’](?!(?:[sSdDmMtT]|re|ve|ll|RE|VE|LL)\b)\w+)*  # words, Secretary-General, O'Brien
        | \.\.\.+ | -- | \S                                 # punctuation
        )""",
        re.VERBOSE,
    )


@cache
def _tokenizer() -> re.Pattern[str]:
    return _token_pattern(punkt_model().abbreviations)


_make_token = partial(tuple.__new__, Token)


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """PTB-style tokens of ``text[start:end]`` with offsets into ``text``.

    One ``findall`` yields each token with the whitespace before it, as one string; their lengths,
    accumulated, are the tokens' ends, and the token is the string left-stripped (no token starts
    with whitespace). Every step runs in C, which is what makes this several times faster than
    NLTK's tokenizers; and strings, unlike (whitespace, token) pairs, are no work for the garbage
    collector, which the pairs kept busy for two thirds of the time.
    """
    stop = len(text) if end is None else end
    pieces = _tokenizer().findall(text, start, stop)
    words = list(map(str.lstrip, pieces))
    ends = list(accumulate(map(len, pieces), initial=start))[1:]
    return tuple(map(_make_token, zip(map(sub, ends, map(len, words)), ends, words)))


# ---------------------------------------------------------------------------------------------
# Layout: paragraphs, headline, dateline, furniture

_BREADCRUMB = re.compile(r"^\s*(?:home|start|news)\s*[/>»|›]", re.IGNORECASE)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[/>»|›]\s")
_SIGN_UP = re.compile(
    r"^[\s\"“]*(?:sign[\s-]?up|subscribe|newsletter|follow\s+(?:us|@|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+on\s+(?:twitter|facebook|instagram))|share\s+(?:this|on)|advertisement"
    r"|related\s+(?:articles|stories|coverage|content)|read\s+more|click\s+here|copyright|©"
    r"|all\s+rights\s+reserved)\b"
    r"|sign[\s-]?up\s+(?:for|to)\b|subscribe\s+to\b|to\s+receive\s+(?:a|our)\s+(?:daily\s+|weekly\s+)?"
    r"(?:e-?mail|newsletter)",
    re.IGNORECASE,
)
_AUTHOR_PICTURE = re.compile(r"^\s*(?:author|reporter|writer)\s+(?:picture|photo|image|avatar)\s*$", re.I)
_CAPTION = re.compile(
    r"\((?:courtesy|photo|ap\s+photo|afp|reuters|getty|epa|file\s+photo|credit|image)[^)]*\)\s*$"
    r"|^\s*(?:photo|image|file\s+photo|picture|caption)\s*[:|—–-]",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*by\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,5}\s*(?:[,|—–-].{0,60})?$")
_DATELINE = re.compile(
    r"(?=[A-Z(])(?:[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*)?(?:\([A-Za-z .]{2,30}\)\s*)?(?:—|–|--?)\s+"
    r"|\((?!(?:Pictured|Above|Below|Left|Right|Centre|Center|File|Photo)\b)(?:CNN|AP|AFP|Reuters|[A-Z][\w&'’]*(?: [A-Z][\w&'’]*){0,3})\)"
    r"\s*(?:—|–|--?)?\s*(?=[\"“A-Z])"
)
_TERMINAL = ".?!:;\"'”’)…"


def _normalise(text: str) -> str:
    """The key under which two copies of a line or sentence (a repeated headline) compare equal."""
    return " ".join(text.lower().split())


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, line-break characters excluded."""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        yield position, position + len(stripped)
        position += len(line)


_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""Every character for which str.isspace() holds (tests/test_segment.py checks the list)."""
_BLANKS = _WHITESPACE + _INVISIBLE


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` without the blank characters at either edge (whitespace and invisible
    ones), found by str.strip in C: most spans have none, and are returned at once."""
    if start >= end or (text[start] not in _BLANKS and text[end - 1] not in _BLANKS):
        return start, end
    piece = text[start:end]
    head = piece.lstrip(_BLANKS)
    return start + len(piece) - len(head), end - len(head) + len(head.rstrip(_BLANKS))


def _units(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans: each line of a block of lines, unless the block is hard-wrapped prose."""
    block: list[tuple[int, int]] = []
    for start, end in [*_lines(text), (len(text), len(text))]:
        if text[start:end].strip():
            block.append(_trim(text, start, end))
            continue
        yield from _split_block(text, block)
        block = []


def _split_block(text: str, block: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if not block:
        return
    if _hard_wrapped(text, block):
        yield block[0][0], block[-1][1]
        return
    current = block[0]
    for start, end in block[1:]:
        previous_line = text[current[0] : current[1]]
        opening = text[start : start + 1]  # empty where a line of zero-width characters was trimmed away
        continues = not previous_line.endswith(tuple(_TERMINAL)) and (opening.islower() or opening.isdigit())
        if continues:
            current = (current[0], end)
        else:
            yield current
            current = (start, end)
    yield current


def _hard_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """Most line breaks in the block fall mid-sentence: prose wrapped at a fixed width. A line
    that opens with a quotation mark or a dash starts something new."""
    if len(block) < 3:
        return False
    soft = sum(
        1
        for (start, end), (following, _) in zip(block, block[1:])
        if end - start >= 40 and not text[start:end].endswith(tuple(_TERMINAL)) and text[following] not in OPENING_MARKS + "―—–-•*"
    )
    return soft * 3 >= (len(block) - 1) * 2


def _is_furniture(line: str) -> bool:
    if len(line) > 300:
        return False
    if _BREADCRUMB.match(line) or len(_BREADCRUMB_SEPARATOR.findall(line)) >= 2:
        return True
    return bool(_SIGN_UP.search(line) or _CAPTION.search(line) or _BYLINE.match(line))


_INNER_STOP = re.compile(r"[.?!][\"'”’]*\s+[\"'“‘]*[A-Z]")


def _is_headline(line: str) -> bool:
    """A short single line that does not end like prose ("NATO ready to defend all allies")."""
    bare = line.rstrip(CLOSING_MARKS)
    return (
        "\n" not in line
        and len(line.split()) <= 25
        and not bare.endswith((".", ":", ";", ","))
        and not _INNER_STOP.search(line)
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    paragraphs: tuple[Paragraph, ...]
    furniture_texts: frozenset[str]


def _layout(article: Article) -> _Layout:
    text = article.text
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    furniture_texts: set[str] = set()
    headline_done = False
    after_author_picture = False
    for index, (start, end) in enumerate(_units(text)):
        line = text[start:end]
        key = _normalise(line)
        furniture = after_author_picture or key in seen or _is_furniture(line)
        after_author_picture = bool(_AUTHOR_PICTURE.match(line))
        furniture = furniture or after_author_picture
        seen.add(key)
        if furniture:
            kind = "furniture"
            furniture_texts.add(key)
        elif not headline_done and _is_headline(line):
            kind = "headline"
        else:
            kind = "body"
        if kind != "furniture":
            headline_done = True
        paragraphs.append(Paragraph(index, start, end, kind))  # type: ignore[arg-type]
    return _Layout(tuple(paragraphs), frozenset(furniture_texts))


def _furniture_keys(text: str, layout: _Layout, spans: dict[int, list[tuple[int, int]]]) -> set[str]:
    """Sentences of captions and other furniture (``spans``: each furniture paragraph's): a body
    copy of one is furniture too."""
    keys = set(layout.furniture_texts)
    keys.update(_normalise(text[start:end]) for found in spans.values() for start, end in found)
    keys.discard("")
    return keys


class Segmenter:
    """Article → Document: the paragraphs, the headline and the sentences the analyses read."""

    def __init__(self, model: PunktModel | None = None):
        self.splitter = SentenceSplitter(model or punkt_model())

    def __call__(self, article: Article) -> Document:
        text = article.text
        layout = _layout(article)
        furniture_spans = self._furniture_spans(text, layout)
        furniture_sentences = _furniture_keys(text, layout, furniture_spans)
        sentences: list[Sentence] = []
        headline: Sentence | None = None
        dateline: tuple[int, int] | None = None
        seen: set[str] = set()
        margins: list[Sentence] = []
        paragraphs = list(layout.paragraphs)
        for paragraph in layout.paragraphs:
            if paragraph.kind == "furniture":
                margins += self._sentences(text, furniture_spans[paragraph.index], paragraph.index)
                continue
            if paragraph.kind == "headline":
                headline = self._sentence(text, paragraph.start, paragraph.end, paragraph.index)
                sentences.append(headline)
                continue
            start = paragraph.start
            if dateline is None and (headline is None or sentences[-1] is headline):
                found = _DATELINE.match(text, start, paragraph.end)
                if found and found.end() < paragraph.end:
                    place = found.group().rstrip().rstrip("—–-").rstrip()
                    dateline = (start, start + len(place))
                    margins.append(self._sentence(text, *dateline, paragraph.index))
                    start = found.end()
            kept = 0
            for sentence_start, sentence_end in self._spans(text, start, paragraph.end):
                key = _normalise(text[sentence_start:sentence_end])
                if key in furniture_sentences or (key in seen and len(key) > 20):
                    continue
                seen.add(key)
                kept += 1
                sentences.append(self._sentence(text, sentence_start, sentence_end, paragraph.index))
            if not kept:
                paragraphs[paragraph.index] = Paragraph(paragraph.index, paragraph.start, paragraph.end, "furniture")
                margins += self._sentences(text, self._spans(text, start, paragraph.end), paragraph.index)
        return Document(article, tuple(paragraphs), tuple(sentences), headline, dateline, tuple(margins))

    def sentence_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every sentence of every paragraph, furniture included: the bare splitter."""
        for start, end in _units(text):
            yield from self._spans(text, start, end)

    def _spans(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        previous = start
        for cut in self.splitter.boundaries(text, start, end):
            span = _trim(text, previous, cut)
            if span[0] < span[1]:
                yield span
            previous = cut

    def _furniture_spans(self, text: str, layout: _Layout) -> dict[int, list[tuple[int, int]]]:
        """The sentence spans of each furniture paragraph (by its index), found once: they are both
        the margins and the keys of ``_furniture_keys``."""
        return {p.index: list(self._spans(text, p.start, p.end)) for p in layout.paragraphs if p.kind == "furniture"}

    def _sentences(self, text: str, spans: Iterable[tuple[int, int]], paragraph: int) -> list[Sentence]:
        return [self._sentence(text, *span, paragraph) for span in spans]

    @staticmethod
    def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
        return Sentence(start, end, text[start:end], paragraph, tokenize(text, start, end))


@cache
def default_segmenter() -> Segmenter:
    return Segmenter()


def segment(article: Article) -> Document:
    """Segment an article with the shipped model."""
    return default_segmenter()(article)
