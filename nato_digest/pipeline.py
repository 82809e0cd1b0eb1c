"""One article in, its whole analysis out: load → segment → analyse; a pure function.

Corpus results are merges of these per-article analyses (see aggregate), so articles stream
through one at a time and the per-article step could run in several processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from .actors import link_actors
from .aggregate import Corpus, DigestItem, digest_candidates
from .countries import assign_countries, label_countries
from .entities import EntityRecognizer, default_recognizer
from .model import Analysis, Article, Document, Extract, Mention
from .quotes import QuoteAttributor
from .segment import Segmenter, default_segmenter
from .summarize import DEFAULT_METHOD, SUMMARIZERS, Summarizer, TermStatistics, corpus_statistics
from .words import SentenceWords


@dataclass(frozen=True)
class Pipeline:
    """The components, each replaceable: segmenter, recognizer, quote attributor, summarizer."""

    segmenter: Segmenter = field(default_factory=default_segmenter)
    recognizer: EntityRecognizer | None = field(default_factory=default_recognizer)
    """None when no output reads names (summary and digest records): the names, countries, actors
    and quotes, three fifths of an analysis's cost, are then neither found nor their models loaded."""
    attributor: QuoteAttributor = field(default_factory=QuoteAttributor)
    summarizer: Summarizer = field(default_factory=lambda: SUMMARIZERS[DEFAULT_METHOD])
    sentences: int | None = None
    words: int | None = None
    statistics: TermStatistics | None = None
    """The corpus's term statistics once ``weighing`` them (the digest's candidates read them too)."""
    summarising: bool = True
    """False when no article's summary is wanted (the corpus digest alone): the summarizer's cost is saved."""

    def for_corpus(self, articles: Iterable[Article]) -> Pipeline:
        """This pipeline weighing terms by the corpus it is about to read (one pass over ``articles``)."""
        return self.weighing(corpus_statistics(a.text for a in articles))

    def weighing(self, statistics: TermStatistics) -> Pipeline:
        """This pipeline weighing terms by ``statistics`` of the corpus at hand."""
        return replace(self, summarizer=self.summarizer.for_corpus(statistics), statistics=statistics)

    def __call__(self, article: Article) -> Analysis:
        return next(self.many([article]))

    def many(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        """The analysis of each article, the same as one at a time: the recognizer tags the
        batch's documents together (EntityRecognizer.recognize_many), which shares its work. Each
        analysis is then finished and given in turn, so that its reader (Digesting) can ask for
        the same sentence features as its summary while they are remembered (remembering_the_last)."""
        for together in _of_bounded_length(articles, self.BATCH_CHARACTERS):
            documents = [self.segmenter(article) for article in together]
            names = self.recognizer.recognize_many(documents) if self.recognizer else [None] * len(documents)
            for document, found in zip(documents, names):
                summary = self.summarizer(document, self.sentences, self.words) if self.summarising else ()
                yield Analysis(document, (), (), (), summary) if found is None else self._analysed(document, summary, *found)

    BATCH_CHARACTERS = 200_000
    """The characters of the articles that ``many`` segments and tags together, at most, unless one
    article alone has more: sixteen news articles are some 40,000, and the batch's documents are
    held at once, so a batch of long documents would hold many times the memory of one."""

    def _analysed(self, document: Document, summary: tuple[Extract, ...], body: Sequence[Mention], margins: Sequence[Mention]) -> Analysis:
        words = SentenceWords(document)
        mentions = assign_countries(document, body, words)
        actors = link_actors(document, mentions, words)
        quotes = self.attributor(document, actors)
        return Analysis(
            document, actors.mentions, actors.actors, quotes, summary, actors.references,
            label_countries(document, _named_as_in_the_body(margins, actors.mentions)),
        )


def _of_bounded_length(articles: Sequence[Article], characters: int) -> Iterator[Sequence[Article]]:
    """The articles in order, in runs of at most ``characters`` of text (a longer article alone)."""
    start, length = 0, 0
    for end, article in enumerate(articles):
        if end > start and length + len(article.text) > characters:
            yield articles[start:end]
            start, length = end, 0
        length += len(article.text)
    if start < len(articles):
        yield articles[start:]


def _named_as_in_the_body(margins: Sequence[Mention], body: Sequence[Mention]) -> list[Mention]:
    """Margin mentions with the entity the same words name in the body ("Jens Stoltenberg" in a
    repeated headline is the actor Jens Stoltenberg); a mention whose entity stays is kept as it is
    (a page of captions has thousands of them)."""
    entities = {m.text: m.entity for m in body if m.entity}
    return [m if (entity := entities.get(m.text, m.entity)) == m.entity else replace(m, entity=entity) for m in margins]


def analyse(article: Article, **options: object) -> Analysis:
    """Analyse one article with the default components (options as for Pipeline)."""
    return Pipeline(**options)(article)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Tally:
    """A batch of articles analysed and counted into partial actor and country tables: what a
    worker sends back when only those tables are wanted (far less to send than every analysis;
    no digest candidates, the costliest part of a digest, which these tables never print)."""

    pipeline: Pipeline

    def __call__(self, articles: Iterable[Article]) -> Corpus:
        corpus = Corpus()
        for analysis in self.pipeline.many(list(articles)):
            corpus.add(analysis, ())
        return corpus


@dataclass(frozen=True)
class Digested:
    """An analysis with its candidate lines for the corpus digest, both found where the analysis
    was made (in a worker, not in the command's process, which only merges and prints). The
    analysis comes without its document's sentences, which nothing after the digest's candidates
    reads: they are four fifths of what would cross from a worker to the command."""

    analysis: Analysis
    candidates: list[DigestItem]

    @property
    def document(self) -> object:
        """The analysed document (what the progress bar counts)."""
        return self.analysis.document


@dataclass(frozen=True)
class Digesting:
    """The pipeline, each article's digest candidates found with its analysis (none when no
    digest will be made: they are its costliest part)."""

    pipeline: Pipeline
    digest: bool = True

    def __call__(self, article: Article) -> Digested:
        return next(self.many([article]))

    def many(self, articles: Sequence[Article]) -> Iterator[Digested]:
        """Each article digested, the batch analysed together (Pipeline.many)."""
        return map(self._digested, self.pipeline.many(articles))

    def _digested(self, analysis: Analysis) -> Digested:
        candidates = digest_candidates(analysis.document, 0, self.pipeline.statistics) if self.digest else []
        document = replace(analysis.document, sentences=(), margins=())
        return Digested(replace(analysis, document=document), candidates)
