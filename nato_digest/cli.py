"""The nato-digest command line: thin glue over load → pipeline → aggregate → render."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import __version__
from .actors import fold, same_person
from .aggregate import Corpus, actors_by_doc, countries_by_doc
from .load import iter_articles
from .model import Analysis, Article
from .pipeline import Pipeline
from .render import Format, RecordWriter, table_of
from .summarize import SUMMARIZERS

EXIT_SKIPPED = 1

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    help="Offline news digests: summaries, actors, countries and quotes, with character offsets.\n\n"
    "With no INPUT every command reads the bundled seed corpus. INPUT is files, directories, glob "
    "patterns or - for stdin. Exit status: 0 all read, 1 some input skipped, 2 usage error.",
)

Inputs = Annotated[
    Optional[list[str]], typer.Argument(help="Files, directories, glob patterns, or - for stdin.", show_default=False, metavar="[INPUT]...")
]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Read stdin as JSON Lines (one article per line, 'text' required).")]
FormatOption = Annotated[
    Optional[Format], typer.Option("--format", "-f", help="Output format; default table on a terminal, jsonl otherwise.", case_sensitive=False)
]


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
    stdout: Console = field(default_factory=lambda: Console(highlight=False, soft_wrap=False))
    stderr: Console = field(default_factory=lambda: Console(stderr=True, highlight=False))
    skipped: int = 0

    def problem(self, name: str, message: str) -> None:
        """A skipped input (or a decoding warning) on stderr, one plain line each."""
        if "decoded as" not in message:
            self.skipped += 1
        print(f"nato-digest: {name}: {message}", file=sys.stderr)

    def articles(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Article]:
        return iter_articles(inputs or [], jsonl=jsonl, on_problem=self.problem)

    def analyses(self, inputs: list[str] | None, jsonl: bool) -> Iterator[Analysis]:
        """The inputs through the default pipeline, one article at a time."""
        return self.analyse(self.articles(inputs, jsonl), Pipeline())

    def analyse(self, articles: Iterable[Article], pipeline: Pipeline) -> Iterator[Analysis]:
        with self._progress() as advance:
            for article in articles:
                yield pipeline(article)
                advance()

    @contextmanager
    def _progress(self):
        if not self.stderr.is_terminal:
            yield lambda: None
            return
        progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(), console=self.stderr, transient=True)
        with progress:
            task = progress.add_task("analysing", total=None)
            yield lambda: progress.advance(task)

    def writer(self, columns: list[str], title: str | None = None) -> RecordWriter:
        return RecordWriter(self.fmt, columns, sys.stdout, console=self.stdout, title=title)

    def finish(self) -> None:
        if self.skipped:
            raise typer.Exit(EXIT_SKIPPED)


def _session(fmt: Format | None) -> Session:
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.jsonl)
    return Session(chosen)


QUOTE_COLUMNS = ["doc", "quote", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "kind"]
MENTION_COLUMNS = ["doc", "text", "start", "end", "label", "entity", "country"]
ACTOR_COLUMNS = ["name", "type", "mentions", "docs", "aliases", "roles", "country"]
COUNTRY_COLUMNS = ["code", "name", "mentions", "docs", "forms"]
COUNTRY_DOC_COLUMNS = ["doc", "code", "name", "mentions", "forms"]
SENTENCE_COLUMNS = ["doc", "start", "end", "text", "paragraph"]
SUMMARY_COLUMNS = ["doc", "title", "summary"]
DIGEST_COLUMNS = ["doc", "text", "start", "end", "docs"]


def quote_records(analysis: Analysis) -> Iterator[dict]:
    for q in analysis.quotes:
        yield {
            "doc": analysis.doc, "quote": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
            "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "cue": q.cue, "kind": q.kind,
        }


def summary_record(analysis: Analysis) -> dict:
    document = analysis.document
    title = document.article.title or (document.headline.text if document.headline else None)
    return {
        "doc": analysis.doc,
        "title": title,
        "summary": [{"text": e.text, "start": e.start, "end": e.end} for e in analysis.summary],
    }


def speaker_matches(query: str, speaker: str | None, analysis: Analysis) -> bool:
    """NAME matches the speaker's canonical name, any part of it, or any alias or role of that actor
    ("Secretary General" finds Jens Stoltenberg where the article calls him so)."""
    if not speaker:
        return False
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


@app.command()
def summarize(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    sentences: Annotated[Optional[int], typer.Option("--sentences", "-n", min=1, help="Sentences per summary (default 3).")] = None,
    words: Annotated[Optional[int], typer.Option("--words", "-w", min=1, help="Words per summary instead of sentences.")] = None,
    method: Annotated[str, typer.Option(help=f"Summarizer: {', '.join(SUMMARIZERS)}.")] = "news",
    digest: Annotated[int, typer.Option(min=1, help="Sentences in the corpus digest.")] = 5,
    digest_words: Annotated[Optional[int], typer.Option(min=1, help="Words in the corpus digest instead of sentences.")] = None,
    corpus: Annotated[bool, typer.Option("--corpus", help="Output the corpus digest records instead of per-article summaries.")] = False,
) -> None:
    """The digest: a summary of each article and of the corpus, then the top actors, countries and quotes."""
    if method not in SUMMARIZERS:
        raise typer.BadParameter(f"unknown method {method!r}; choose from {', '.join(SUMMARIZERS)}", param_hint="--method")
    session = _session(fmt)
    digest_length = (None, digest_words) if digest_words else (digest, None)
    articles = list(session.articles(inputs, jsonl))
    pipeline = Pipeline(summarizer=SUMMARIZERS[method], sentences=sentences, words=words).for_corpus(articles)
    analyses = session.analyse(articles, pipeline)
    aggregate = Corpus()
    if session.fmt is Format.table:
        _summarize_table(session, analyses, aggregate, digest_length)
    elif corpus:
        for analysis in analyses:
            aggregate.add(analysis)
        writer = session.writer(DIGEST_COLUMNS)
        writer.write_all(item.record() for item in aggregate.digest(*digest_length))
        writer.close()
    else:
        writer = session.writer(SUMMARY_COLUMNS)
        for analysis in analyses:
            writer.write(summary_record(analysis))
        writer.close()
    session.finish()


def _summarize_table(session: Session, analyses: Iterator[Analysis], aggregate: Corpus, digest: tuple[int | None, int | None]) -> None:
    console = session.stdout
    quotes: list[dict] = []
    for analysis in analyses:
        aggregate.add(analysis)
        record = summary_record(analysis)
        console.rule(Text(analysis.doc), align="left")
        if record["title"]:
            console.print(Text(record["title"], style="bold"))
        for extract in analysis.summary:
            console.print(Text("• " + extract.text))
        quotes.extend(r for r in quote_records(analysis) if r["speaker"])
    console.print()
    console.rule(Text(f"Digest of {aggregate.articles} articles"), align="left")
    for number, item in enumerate(aggregate.digest(*digest), 1):
        console.print(Text(f"{number}. {item.text}  [{', '.join(item.docs)}]"))
    console.print()
    console.print(table_of(aggregate.actors()[:12], ["name", "type", "mentions", "docs", "roles"], "Top actors"))
    console.print(table_of(aggregate.countries()[:15], ["code", "name", "mentions", "docs", "forms"], "Countries"))
    console.print(table_of(quotes[:20], ["speaker", "kind", "quote", "doc"], "Quotes"))


@app.command()
def quotes(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only quotes of the speaker whose name or alias matches.")] = None,
) -> None:
    """Quotes with their speakers: direct and partial, speakers resolved to names."""
    session = _session(fmt)
    columns = ["speaker", "kind", "quote", "doc"] if session.fmt is Format.table else QUOTE_COLUMNS
    writer = session.writer(columns, title="Quotes")
    for analysis in session.analyses(inputs, jsonl):
        for record in quote_records(analysis):
            if speaker is None or speaker_matches(speaker, record["speaker"], analysis):
                writer.write(record)
    writer.close()
    session.finish()


def _table_command(
    session: Session,
    analyses: Iterator[Analysis],
    by_doc: bool,
    per_document: Callable[[Analysis], Iterable[dict]],
    per_document_columns: list[str],
    corpus_rows: Callable[[Corpus], list[dict]],
    columns: list[str],
    title: str,
) -> None:
    """A corpus table, or with --by-doc the same rows per document, streamed."""
    if by_doc:
        writer = session.writer(per_document_columns, title=f"{title} by document")
        for analysis in analyses:
            writer.write_all(per_document(analysis))
    else:
        aggregate = Corpus()
        for analysis in analyses:
            aggregate.add(analysis)
        writer = session.writer(columns, title=title)
        writer.write_all(corpus_rows(aggregate))
    writer.close()
    session.finish()


ByDocOption = Annotated[bool, typer.Option("--by-doc", help="One row per document.")]


@app.command()
def actors(inputs: Inputs = None, jsonl: JsonlOption = False, fmt: FormatOption = None, by_doc: ByDocOption = False) -> None:
    """People and organisations: mentions, documents, aliases and roles, most mentioned first."""
    session = _session(fmt)
    analyses = session.analyses(inputs, jsonl)
    _table_command(session, analyses, by_doc, actors_by_doc, ["doc", *ACTOR_COLUMNS], Corpus.actors, ACTOR_COLUMNS, "Actors")


@app.command()
def countries(inputs: Inputs = None, jsonl: JsonlOption = False, fmt: FormatOption = None, by_doc: ByDocOption = False) -> None:
    """Countries in play, named or implied (Russian, Moscow, the Kremlin), with ISO 3166-1 codes."""
    session = _session(fmt)
    analyses = session.analyses(inputs, jsonl)
    _table_command(session, analyses, by_doc, countries_by_doc, COUNTRY_DOC_COLUMNS, Corpus.countries, COUNTRY_COLUMNS, "Countries")


@app.command()
def entities(
    inputs: Inputs = None,
    jsonl: JsonlOption = False,
    fmt: FormatOption = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="Every mention with its offsets, not the entity list.")] = False,
) -> None:
    """Named entities (PER, ORG, LOC, MISC): the layer actors and countries build on."""
    session = _session(fmt)
    if mentions:
        writer = session.writer(MENTION_COLUMNS, title="Mentions")
        for analysis in session.analyses(inputs, jsonl):
            for m in analysis.mentions:
                writer.write({"doc": analysis.doc, "text": m.text, "start": m.start, "end": m.end, "label": m.label, "entity": m.entity, "country": m.country})
    else:
        counts: dict[tuple[str, str], dict] = {}
        for analysis in session.analyses(inputs, jsonl):
            for m in analysis.mentions:
                row = counts.setdefault((m.entity or m.text, m.label), {"entity": m.entity or m.text, "label": m.label, "mentions": 0, "docs": set(), "country": m.country})
                row["mentions"] += 1
                row["docs"].add(analysis.doc)
        writer = session.writer(["entity", "label", "mentions", "docs", "country"], title="Entities")
        for row in sorted(counts.values(), key=lambda r: (-r["mentions"], r["entity"])):
            writer.write({**row, "docs": len(row["docs"])})
    writer.close()
    session.finish()


@app.command()
def sentences(inputs: Inputs = None, jsonl: JsonlOption = False, fmt: FormatOption = None) -> None:
    """The sentences the analyses read, with offsets and paragraph numbers."""
    session = _session(fmt)
    writer = session.writer(SENTENCE_COLUMNS, title="Sentences")
    for article in session.articles(inputs, jsonl):
        document = Pipeline().segmenter(article)
        for s in document.sentences:
            writer.write({"doc": article.doc, "start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph})
    writer.close()
    session.finish()


def main() -> None:
    """Console entry point. A reader that closes the pipe (`| head`) stops the run the way it
    stops any Unix tool, by SIGPIPE, with no traceback."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
