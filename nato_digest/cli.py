"""The nato-digest command line: thin glue over load → pipeline → aggregate → render."""

from __future__ import annotations

import functools
import gc
import inspect
import signal
import sys
from collections import ChainMap, Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, ContextManager, Optional

import typer

from . import __version__
from .executor import SCHEDULER_VARIABLE, Executor, batched, executor
from .load import ReadWarning, Selection, iso_date, iter_articles
from .load.spool import Spool
from .model import Analysis, Article
from .progress import Advance, CurrentStdout, may_be_terminal, progress_bar
from .render import Format, RecordWriter, table_of

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from .aggregate import Corpus
    from .duplicates import Copies
    from .aggregate import DigestItem
    from .pipeline import Digesting, Pipeline

# The analyses (numpy, the models) and Rich are imported where a command first needs them, so that
# `--help` and a small run start fast.

SUMMARY_METHODS = ("news", "lead", "textrank", "lexrank")
"""The names of summarize.SUMMARIZERS, for --help without importing the summarizers."""

EXIT_SKIPPED = 1
TALLY_BATCH = 16
"""Articles per task when workers summarize or count corpus tables: fewer, larger messages between
processes, and fewer partial tables for the command to unpickle and merge (the same person counted
in 16 articles is one row, not four: 2.4% fewer instructions in the command's process than 4 for
the BBC digest with --jobs 2)."""
SURVEY_BATCH, SURVEY_BATCHES_PER_JOB = 64, 8
"""The first pass's batches (the first of one article, run before the pool starts): it costs a
twentieth of the second per article, so its tasks are larger (each message between processes
takes the command's interpreter lock, which loading the models holds), and some 500 articles per
worker are sent ahead, for the workers to survey while the command loads the second pass's models."""
BATCHES_PER_JOB = 4
"""Batches in flight per worker: enough that one long article, whose result the command awaits
to keep input order, does not leave the other workers idle."""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    help="Offline news digests: summaries, actors, countries and quotes, with character offsets.\n\n"
    "With no INPUT every command reads the bundled seed corpus. INPUT is files, directories, glob "
    "patterns or - for stdin: plain text, JSON Lines, web pages, RSS/Atom feeds or WARC crawls. "
    "Exit status: 0 all read, 1 some input skipped, 2 usage error.",
)

Inputs = Annotated[
    Optional[list[str]], typer.Argument(help="Files, directories, glob patterns, or - for stdin.", show_default=False, metavar="[INPUT]...")
]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Read stdin as JSON Lines (one article per line, 'text' or 'html' required).")]
FormatOption = Annotated[
    Optional[Format], typer.Option("--format", "-f", help="Output format; default table on a terminal, jsonl otherwise.", case_sensitive=False)
]
SinceOption = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only articles dated DATE (ISO 8601) or later.")]
UntilOption = Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Only articles dated DATE (ISO 8601) or earlier.")]
SourceOption = Annotated[Optional[str], typer.Option("--source", metavar="NAME", help="Only articles from an outlet whose name or address contains NAME.")]
DEFAULT_MAX_BYTES = 10_000_000
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, metavar="BYTES", help="Report and skip any document larger than BYTES (UTF-8).")]
JobsOption = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Processes analysing articles (default: one per core; 1: serial).", show_default=False)]
SchedulerOption = Annotated[
    Optional[str],
    typer.Option("--scheduler", metavar="tcp://HOST:PORT", envvar=SCHEDULER_VARIABLE, help="Analyse on this Dask distributed cluster (pip install 'nato-digest[dask]').", show_default=False),
]


def _reading_option(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


READING_OPTIONS = (
    _reading_option("since", SinceOption, None),
    _reading_option("until", UntilOption, None),
    _reading_option("source", SourceOption, None),
    _reading_option("jobs", JobsOption, None),
    _reading_option("scheduler", SchedulerOption, None),
    _reading_option("max_bytes", MaxBytesOption, DEFAULT_MAX_BYTES),
)
"""The options of every command that reads news: which articles (--since, --until, --source), how
(--jobs, --scheduler) and how large (--max-bytes); a command takes them as ``**reading`` for
``_session``."""


def news_command(command: Callable[..., None]) -> Callable[..., None]:
    """Register ``command`` with the reading options added to its own."""

    @functools.wraps(command)
    def with_reading(*args: Any, **kwargs: Any) -> None:
        return command(*args, **kwargs)

    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    with_reading.__signature__ = inspect.Signature([*own, *READING_OPTIONS])  # type: ignore[attr-defined]
    return app.command()(with_reading)


def _version(value: bool) -> None:
    if value:
        print(f"nato-digest {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Offline news digests."""


@dataclass
class Session:
    """One command run: reads the inputs, reports problems on stderr, remembers the exit status."""

    fmt: Format
    selection: Selection = field(default_factory=Selection)
    runner: Executor = field(default_factory=Executor)
    max_bytes: int = DEFAULT_MAX_BYTES
    skipped: int = 0
    copies: Copies = field(default_factory=lambda: _copies())
    on_skip: Callable[[str, str], None] | None = None

    @functools.cached_property
    def stdout(self) -> Console:
        """The console of the terminal's tables, made (and Rich imported) only for one."""
        return _console(file=CurrentStdout(), highlight=False, soft_wrap=False)

    @functools.cached_property
    def stderr(self) -> Console:
        return _console(stderr=True, highlight=False)

    def _progress(self, total: int | None = None) -> ContextManager[Advance]:
        """The progress bar, drawn on a terminal: no console is made where stderr cannot be one."""
        return progress_bar(self.stderr if may_be_terminal(sys.stderr) else None, total)

    def problem(self, name: str, message: str) -> None:
        """A skipped input (or a warning about one still read) on stderr, one plain line each."""
        if not isinstance(message, ReadWarning):
            self.skipped += 1
            if self.on_skip:
                self.on_skip(name, message)
        print(f"nato-digest: {name}: {message}", file=sys.stderr)

    def articles(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Article]:
        """Every selected article read, syndicated copies marked (``duplicate_of``)."""
        from .duplicates import Duplicates

        return Duplicates().mark(self._selected(inputs, jsonl))

    def _selected(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Article]:
        read = iter_articles(inputs or [], jsonl=jsonl, on_problem=self.problem)
        return (article for article in read if self._small_enough(article) and self.selection(article))

    def _small_enough(self, article: Article) -> bool:
        """A document above --max-bytes is reported and skipped, never half-analysed in silence."""
        if len(article.text) * 4 <= self.max_bytes:  # four bytes at most per character in UTF-8
            return True
        size = len(article.text.encode("utf-8", "surrogatepass"))
        if size <= self.max_bytes:
            return True
        self.problem(article.doc, f"{size:,} bytes, above --max-bytes {self.max_bytes:,}: skipped")
        return False

    def stories(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Article]:
        """The articles to analyse: each story once, its copies only noted (the counting rule)."""
        for article in self.articles(inputs, jsonl):
            if article.duplicate_of:
                self.copies.note(article)
            else:
                yield article

    def surveyed(self, inputs: list[str] | None, jsonl: bool, spool: Spool, meanwhile: Callable[[], None]) -> tuple[Counter, int]:
        """The first pass of a digest: the workers find each article's signature and terms in
        batches; here, in input order, copies are noted and the stories' terms counted, and each
        story is written to ``spool``, for the second pass to read back. ``meanwhile`` runs here
        while the workers survey the first window."""
        from .duplicates import Duplicates
        from .survey import survey

        duplicates, counts, documents = Duplicates(), Counter(), 0
        in_flight: deque[list[Article]] = deque()  # the batches sent, for their articles' metadata

        def sent() -> Iterator[list[Article]]:
            for batch in batched(self._selected(inputs, jsonl), SURVEY_BATCH, first=1):
                in_flight.append(batch)
                yield batch

        articles = (pair for surveyed in self.runner.map(survey, sent(), SURVEY_BATCHES_PER_JOB, meanwhile) for pair in zip(in_flight.popleft(), surveyed))
        for article, found in articles:
            original = duplicates.original_by_signature(article.doc, found.signature)
            if original:
                self.copies.note(replace(article, duplicate_of=original))
            else:
                counts.update(found.terms)
                documents += 1
                spool.write(article)
        return counts, documents

    def analyses(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Analysis]:
        """The inputs through the default pipeline, one story at a time, with the progress bar;
        without their summaries, which the commands that read analyses (quotes, actors,
        countries, entities) never print."""
        from .pipeline import Pipeline

        with self._progress() as advance:
            for analysis in self.runner.map(Pipeline(summarising=False), self.stories(inputs, jsonl)):
                yield analysis
                advance(1, len(analysis.document.text.split()))

    def summarised(self, stories: Iterable[Article], summarising: Summarising, total: int) -> Iterator[Summaries]:
        """``summarising`` over batches of the stories (the first a single article, run here
        before a pool starts), with the progress bar over the ``total`` stories."""
        with self._progress(total) as advance:
            for batch in self.runner.map(summarising, batched(stories, TALLY_BATCH, first=1), BATCHES_PER_JOB):
                yield batch
                advance(len(batch.summaries), sum(summary.words for summary in batch.summaries))

    def corpus(self, inputs: list[str] | None, jsonl: bool) -> Corpus:
        """The actor and country tables alone: each worker counts batches of articles, and the
        partial tables are merged in input order (the same tables as counting every article here)."""
        from .aggregate import Corpus
        from .pipeline import Pipeline, Tally

        total = Corpus()
        with self._progress() as advance:
            for partial in self.runner.map(Tally(Pipeline(summarising=False)), batched(self.stories(inputs, jsonl), TALLY_BATCH), BATCHES_PER_JOB):
                total.merge(partial)
                advance(partial.articles, partial.words)
        return total

    def writer(self, columns: list[str], title: str | None = None) -> RecordWriter:
        console = self.stdout if self.fmt is Format.table else None
        return RecordWriter(self.fmt, columns, CurrentStdout(), console=console, title=title)  # type: ignore[arg-type]

    def finish(self) -> None:
        if self.skipped:
            raise typer.Exit(EXIT_SKIPPED)


def _console(**options: object) -> Console:
    from rich.console import Console

    return Console(**options)  # type: ignore[arg-type]


def _copies() -> Copies:
    from .duplicates import Copies

    return Copies()


def _session(
    fmt: Format | None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Session:
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.jsonl)
    selection = Selection(_date_option(since, "--since"), _date_option(until, "--until"), source)
    return Session(chosen, selection, executor(jobs, scheduler), max_bytes=max_bytes)


def _date_option(value: str | None, option: str) -> str | None:
    date = iso_date(value)
    if value is not None and date is None:
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 date (such as 2015-10-08)", param_hint=option)
    return date


METADATA_COLUMNS = ["title", "date", "source", "url"]
QUOTE_COLUMNS = ["doc", "quote", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "kind", *METADATA_COLUMNS, "docs", "speaker_type"]
QUOTE_TABLE_COLUMNS = ["speaker", "kind", "quote", "date", "source", "docs"]
QUOTES_IN_TABLE = 20
"""Quotes the terminal digest lists: the first reported, each with every article that carried it."""
MENTION_COLUMNS = ["doc", "text", "start", "end", "label", "entity", "country", "margin"]
ACTOR_COLUMNS = ["name", "type", "mentions", "docs", "aliases", "roles", "country"]
COUNTRY_COLUMNS = ["code", "name", "mentions", "docs", "forms"]
COUNTRY_DOC_COLUMNS = ["doc", "code", "name", "mentions", "forms"]
SENTENCE_COLUMNS = ["doc", "start", "end", "text", "paragraph"]
SUMMARY_COLUMNS = ["doc", "title", "summary", "date", "source", "url"]
DIGEST_COLUMNS = ["doc", "text", "start", "end", "docs", *METADATA_COLUMNS]
ARTICLE_COLUMNS = ["doc", "title", "date", "source", "url", "words", "duplicate_of", "author", "excerpt", "skipped"]


def metadata(article: Article, headline: str | None = None) -> dict:
    """The article's title (else its headline), date, outlet and address, for every record."""
    return {"title": article.title or headline, "date": article.date, "source": article.source, "url": article.url}


def analysis_metadata(analysis: Analysis) -> dict:
    document = analysis.document
    return metadata(document.article, document.headline.text if document.headline else None)


def quote_records(analysis: Analysis) -> Iterator[dict]:
    about = analysis_metadata(analysis)
    for q in analysis.quotes:
        yield {
            "doc": analysis.doc, "quote": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
            "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "cue": q.cue, "kind": q.kind, **about, "speaker_type": q.speaker_type,
        }


def summary_record(analysis: Analysis) -> dict:
    about = analysis_metadata(analysis)
    summary = [{"text": e.text, "start": e.start, "end": e.end} for e in analysis.summary]
    return {"doc": analysis.doc, "title": about.pop("title"), "summary": summary, **about}


def with_metadata(per_document: Callable[[Analysis], Iterable[dict]]) -> Callable[[Analysis], Iterator[dict]]:
    """A --by-doc row maker whose rows also carry the article's metadata."""

    def rows(analysis: Analysis) -> Iterator[dict]:
        about = analysis_metadata(analysis)
        for row in per_document(analysis):
            yield {**row, **about}

    return rows


def speaker_matches(query: str, speaker: str | None, analysis: Analysis) -> bool:
    """NAME matches the speaker's canonical name, any part of it, or any alias or role of that actor
    ("Secretary General" finds Jens Stoltenberg where the article calls him so)."""
    if not speaker:
        return False
    from .actors import fold, same_person

    wanted = fold(query).split()
    names = [speaker]
    names += [name for actor in analysis.actors if actor.name == speaker for name in (*actor.aliases, *actor.roles)]
    for name in names:
        words = fold(name).split()
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
            return True
        if len(wanted) > 1 and same_person(wanted, words):
            return True
    return False


@news_command
def summarize(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    sentences: Annotated[Optional[int], typer.Option("--sentences", "-n", min=1, help="Sentences per summary (default 3).")] = None,
    words: Annotated[Optional[int], typer.Option("--words", "-w", min=1, help="Words per summary instead of sentences.")] = None,
    method: Annotated[str, typer.Option(help=f"Summarizer: {', '.join(SUMMARY_METHODS)}.")] = "news",
    digest: Annotated[int, typer.Option(min=1, help="Sentences in the corpus digest.")] = 5,
    digest_words: Annotated[Optional[int], typer.Option(min=1, help="Words in the corpus digest instead of sentences.")] = None,
    corpus: Annotated[bool, typer.Option("--corpus", help="Output the corpus digest records instead of per-article summaries.")] = False,
    **reading: Any,
) -> None:
    """The digest: a summary of each article and of the corpus, then the top actors, countries and quotes."""
    from .summarize import SUMMARIZERS, background_statistics

    if method not in SUMMARIZERS:
        raise typer.BadParameter(f"unknown method {method!r}; choose from {', '.join(SUMMARIZERS)}", param_hint="--method")
    session = _session(fmt, **reading)
    digest_length = (None, digest_words) if digest_words else (digest, None)
    with Spool() as spool:
        ready: list[Pipeline] = []  # loaded while the workers survey

        def load() -> None:
            from .entities import default_recognizer
            from .pipeline import Pipeline  # the analyses' modules too are imported while the workers survey

            recognizer = default_recognizer() if session.fmt is Format.table else None  # only the terminal's tables show names
            ready.append(_warmed(Pipeline(summarizer=SUMMARIZERS[method], sentences=sentences, words=words, recognizer=recognizer)))

        counts, documents = session.surveyed(inputs, jsonl, spool, load)
        from .aggregate import Corpus
        from .pipeline import Digesting

        pipeline = ready[0].weighing(background_statistics().including_counts(counts, documents))
        stories = spool.articles()
        with_digest = corpus or session.fmt is Format.table
        pipeline = replace(pipeline, summarising=session.fmt is Format.table or not corpus)
        summarising = Summarising(Digesting(pipeline, digest=with_digest), quotes=session.fmt is Format.table)
        results = session.summarised(stories, summarising, documents)
        if with_digest:
            aggregate = Corpus()
            _digest_output(session, _gathered(results, aggregate), aggregate, digest_length)
        else:  # each article's summary alone: no corpus tables to keep
            writer = session.writer(SUMMARY_COLUMNS)
            writer.write_all(summary.record for batch in results for summary in batch.summaries)
            writer.close()
    session.finish()


WARM_UP = (
    "NATO ready to defend allies\n\nBRUSSELS (Reuters) — NATO Secretary General Jens Stoltenberg said on Monday "
    "that the alliance was “ready to defend all allies” as Russian warplanes flew over Turkey.\n\n"
    "“We have seen air strikes,” he told the BBC. Turkish Prime Minister Ahmet Davutoglu said Ankara would respond."
)
"""A made-up article that meets every kind of thing an analysis looks up: names, roles, places, quotes."""


def _warmed(pipeline: Pipeline) -> Pipeline:
    """``pipeline`` with the tables that its analyses load on first use loaded, by analysing
    ``WARM_UP``: while the workers of the first pass survey, not while they wait for the second."""
    pipeline(Article("warm-up", WARM_UP))
    return pipeline


@dataclass(frozen=True)
class ArticleSummary:
    """One article's share of `summarize`'s output, made where the article was analysed: its
    summary record, its quotes that name a speaker (for the terminal's table), its words (for the
    progress bar) and its candidate lines for the corpus digest."""

    record: dict
    quotes: list[dict]
    words: int
    candidates: list[DigestItem]


@dataclass(frozen=True)
class Summaries:
    """A batch's summaries and, when a digest is made, the batch's actor and country tables
    (a ``Corpus`` without candidates: those are kept article by article, in input order)."""

    summaries: list[ArticleSummary]
    tables: Corpus | None


@dataclass(frozen=True)
class Summarising:
    """`summarize`'s work on a batch of articles, done in a worker: only records and partial
    tables cross back to the command, which merges and prints (an analysis is several times the
    bytes to pickle and unpickle, and the command's process is the one that cannot be doubled)."""

    digesting: Digesting
    quotes: bool

    def __call__(self, articles: list[Article]) -> Summaries:
        from .aggregate import Corpus

        tables = Corpus() if self.digesting.digest else None
        summaries = []
        for digested in self.digesting.many(articles):
            analysis = digested.analysis
            if tables is not None:
                tables.add(analysis, ())
            quotes = [quote for quote in quote_records(analysis) if quote["speaker"]] if self.quotes else []
            summaries.append(ArticleSummary(summary_record(analysis), quotes, len(analysis.document.text.split()), digested.candidates))
        return Summaries(summaries, tables)


def _digest_output(session: Session, summaries: Iterator[ArticleSummary], aggregate: Corpus, digest_length: tuple[int | None, int | None]) -> None:
    """The terminal view (summaries, digest and tables), or the digest's records (--corpus)."""
    if session.fmt is Format.table:
        _summarize_table(session, summaries, aggregate, digest_length)
    else:
        deque(summaries, maxlen=0)  # _gathered fills the tables
        writer = session.writer(DIGEST_COLUMNS)
        writer.write_all(_digest_records(session, aggregate, digest_length))
        writer.close()


def _gathered(batches: Iterable[Summaries], aggregate: Corpus) -> Iterator[ArticleSummary]:
    """Each summary, its batch's tables merged into the corpus tables and its digest candidates
    kept with its metadata (which only the digest's lines need: none is kept per article)."""
    for batch in batches:
        first = aggregate.articles + 1
        aggregate.merge(batch.tables)  # type: ignore[arg-type]
        for number, summary in enumerate(batch.summaries, first):
            aggregate.keep(summary.candidates, number, {column: summary.record[column] for column in METADATA_COLUMNS})
            yield summary


def _digest_records(session: Session, aggregate: Corpus, length: tuple[int | None, int | None]) -> list[dict]:
    """The digest sentences, ``length`` (sentences, words) long; ``docs`` names every article that
    said the same, syndicated copies included."""
    return [{**item.record(), **item.about, "docs": session.copies.docs(item.docs)} for item in aggregate.digest(*length)]


def _cited(doc: str, about: Mapping[str, dict]) -> str:
    """A document with its outlet and date, as the terminal digest cites it."""
    known = [value for value in (about[doc]["source"], about[doc]["date"]) if value]
    return f"{doc} ({', '.join(known)})" if known else doc


def _summarize_table(session: Session, summaries: Iterator[ArticleSummary], aggregate: Corpus, digest: tuple[int | None, int | None]) -> None:
    from rich.text import Text

    from .aggregate import ReportedQuotes

    console = session.stdout
    quotes = ReportedQuotes(limit=QUOTES_IN_TABLE)
    copied = {copy.doc: metadata(copy) for copy in session.copies}
    for summary in summaries:
        console.print(_summary_block(summary.record, session.copies.docs([summary.record["doc"]])[1:], copied))
        for quote in summary.quotes:
            quotes.add(quote, session.copies.docs([summary.record["doc"]]))
    console.print()
    copies = f" (and {len(session.copies)} syndicated copies, counted once)" if len(session.copies) else ""
    plural = "" if aggregate.articles == 1 else "s"
    console.rule(Text(f"Digest of {aggregate.articles} article{plural}{copies}"), align="left")
    about = ChainMap(aggregate.sources(), copied)  # a story's metadata before a copy's of the same doc
    for number, item in enumerate(_digest_records(session, aggregate, digest), 1):
        console.print(Text(f"{number}. {item['text']}  [{'; '.join(_cited(doc, about) for doc in item['docs'])}]"))
    console.print()
    console.print(table_of(aggregate.actors(limit=12), ["name", "type", "mentions", "docs", "roles"], "Top actors"))
    console.print(table_of(aggregate.countries()[:15], ["code", "name", "mentions", "docs", "forms"], "Countries"))
    console.print(table_of(quotes.records(), QUOTE_TABLE_COLUMNS, "Quotes"))


def _summary_block(record: dict, copies: list[str], copied: Mapping[str, dict]) -> RenderableType:
    """An article's summary on the terminal: a rule naming it, its title, its copies and its
    sentences, printed at once (each print of a console costs about as much as its wrapping)."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    lines: list[RenderableType] = [Rule(Text(_cited(record["doc"], {record["doc"]: record})), align="left")]
    if record["title"]:
        lines.append(Text(record["title"], style="bold"))
    if copies:
        lines.append(Text("also in " + "; ".join(_cited(doc, copied) for doc in copies), style="dim"))
    lines += [Text("• " + extract["text"]) for extract in record["summary"]]
    return Group(*lines)


@news_command
def quotes(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only quotes of the speaker whose name or alias matches.")] = None,
    **reading: Any,
) -> None:
    """Quotes with their speakers: direct and partial, speakers resolved to names. A quote that
    several articles reported is one record listing them all, so records come once all is read."""
    from .aggregate import ReportedQuotes

    session = _session(fmt, **reading)
    reported = ReportedQuotes()
    for analysis in session.analyses(inputs, jsonl):
        for record in quote_records(analysis):
            if speaker is None or speaker_matches(speaker, record["speaker"], analysis):
                reported.add(record, [analysis.doc])
    columns = QUOTE_TABLE_COLUMNS if session.fmt is Format.table else QUOTE_COLUMNS
    writer = session.writer(columns, title="Quotes")
    writer.write_all({**record, "docs": session.copies.docs(record["docs"])} for record in reported.records())
    writer.close()
    session.finish()


def _table_command(
    session: Session,
    inputs: list[str] | None,
    jsonl: bool,
    by_doc: bool,
    per_document: Callable[[Analysis], Iterable[dict]],
    per_document_columns: list[str],
    corpus_rows: Callable[[Corpus], list[dict]],
    columns: list[str],
    title: str,
) -> None:
    """A corpus table, or with --by-doc the same rows per document with the article's metadata, streamed."""
    if by_doc:
        about = ["date", "source"] if session.fmt is Format.table else METADATA_COLUMNS
        writer = session.writer([*per_document_columns, *about], title=f"{title} by document")
        rows = with_metadata(per_document)
        for analysis in session.analyses(inputs, jsonl):
            writer.write_all(rows(analysis))
    else:
        aggregate = session.corpus(inputs, jsonl)
        writer = session.writer(columns, title=title)
        writer.write_all(corpus_rows(aggregate))
    writer.close()
    session.finish()


ByDocOption = Annotated[bool, typer.Option("--by-doc", help="One row per document.")]


@news_command
def actors(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    by_doc: ByDocOption = False,
    **reading: Any,
) -> None:
    """People and organisations: mentions, documents, aliases and roles, most mentioned first."""
    from .aggregate import Corpus, actors_by_doc

    session = _session(fmt, **reading)
    _table_command(session, inputs, jsonl, by_doc, actors_by_doc, ["doc", *ACTOR_COLUMNS], Corpus.actors, ACTOR_COLUMNS, "Actors")


@news_command
def countries(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    by_doc: ByDocOption = False,
    **reading: Any,
) -> None:
    """Countries in play, named or implied (Russian, Moscow, the Kremlin), with ISO 3166-1 codes."""
    from .aggregate import Corpus, countries_by_doc

    session = _session(fmt, **reading)
    _table_command(session, inputs, jsonl, by_doc, countries_by_doc, COUNTRY_DOC_COLUMNS, Corpus.countries, COUNTRY_COLUMNS, "Countries")


@news_command
def entities(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="Every mention with its offsets, not the entity list.")] = False,
    **reading: Any,
) -> None:
    """Named entities (PER, ORG, LOC, MISC): the layer actors and countries build on."""
    session = _session(fmt, **reading)
    if mentions:
        writer = session.writer(MENTION_COLUMNS, title="Mentions")
        for analysis in session.analyses(inputs, jsonl):
            margins = set(analysis.margin_mentions)
            for m in sorted((*analysis.mentions, *margins), key=lambda m: m.start):
                writer.write({"doc": analysis.doc, "text": m.text, "start": m.start, "end": m.end, "label": m.label,
                              "entity": m.entity, "country": m.country, "margin": m in margins})
    else:
        from .aggregate import Articles

        counts: dict[tuple[str, str], dict] = {}
        for number, analysis in enumerate(session.analyses(inputs, jsonl)):
            for m in analysis.mentions:
                row = counts.setdefault((m.entity or m.text, m.label), {"entity": m.entity or m.text, "label": m.label, "mentions": 0, "docs": Articles(), "country": m.country})
                row["mentions"] += 1
                row["docs"].add(number)
        writer = session.writer(["entity", "label", "mentions", "docs", "country"], title="Entities")
        for row in sorted(counts.values(), key=lambda r: (-r["mentions"], r["entity"])):
            writer.write({**row, "docs": len(row["docs"])})
    writer.close()
    session.finish()


@news_command
def sentences(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    **reading: Any,
) -> None:
    """The sentences the analyses read, with offsets and paragraph numbers."""
    from .segment import default_segmenter  # the segmenter alone: no Pipeline(), which loads the recognizer's model

    session = _session(fmt, **reading)
    writer = session.writer(SENTENCE_COLUMNS, title="Sentences")
    for document in session.runner.map(default_segmenter(), session.stories(inputs, jsonl)):
        for s in document.sentences:
            writer.write({"doc": document.article.doc, "start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph})
    writer.close()
    session.finish()


@dataclass(frozen=True)
class ArticleRecord:
    """An article's record for ``articles`` (its headline found by the segmenter); a skipped
    input's record passes through. Picklable, so that ``--jobs`` can run it in other processes."""

    segmenter: Callable[[Article], object]
    text: bool

    def __call__(self, item: Article | dict) -> dict:
        if isinstance(item, dict):
            return item
        headline = self.segmenter(item).headline  # type: ignore[attr-defined]
        record = {
            "doc": item.doc, **metadata(item, headline.text if headline else None),
            "words": len(item.text.split()), "duplicate_of": item.duplicate_of, "author": item.author,
            "excerpt": item.excerpt, "skipped": None,
        }
        return {**record, "text": item.text} if self.text else record


def _read_in_order(session: Session, inputs: list[str] | None, jsonl: bool) -> Iterator[Article | dict]:
    """Every article read, each input skipped before it as its record, in the order read: the
    skipped inputs' rows stay in place however far the reader runs ahead of the analyses."""
    skipped: list[dict] = []
    session.on_skip = lambda name, message: skipped.append({"doc": name, "skipped": message})
    for article in session.articles(inputs, jsonl):
        yield from skipped
        skipped.clear()
        yield article
    yield from skipped


@news_command
def articles(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    text: Annotated[bool, typer.Option("--text", help="Also the text that the analyses and every offset refer to.")] = False,
    **reading: Any,
) -> None:
    """What was read: each article's metadata, the story it copies, and every input skipped and why."""
    from .segment import default_segmenter  # as for sentences

    session = _session(fmt, **reading)
    columns = [c for c in ARTICLE_COLUMNS if session.fmt is not Format.table or c not in ("url", "author", "excerpt")]
    writer = session.writer([*columns, "text"] if text else columns, title="Articles")
    writer.write_all(session.runner.map(ArticleRecord(default_segmenter(), text), _read_in_order(session, inputs, jsonl)))
    writer.close()
    session.finish()


def main() -> None:
    """Console entry point. A reader that closes the pipe (`| head`) stops the run the way it
    stops any Unix tool, by SIGPIPE, with no traceback."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    gc.disable()  # start-up makes no garbage to collect; the executor turns the collector on (executor._settle_collector)
    app()
