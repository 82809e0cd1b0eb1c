"""Turn what the user names on the command line into a stream of articles.

Inputs are files, directories (walked recursively in sorted order), glob patterns and ``-`` for
stdin; with none, the bundled seed corpus. Each input is read by the reader of its kind — plain
text, JSON Lines, web page, feed or WARC crawl (one module each) — chosen by its name, else by its
content. Every input that cannot be read is reported through ``on_problem`` and skipped, so one bad
file never stops a run.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from .common import InputError, ProblemHandler, ReadWarning, iso_date
from .feed import feed_articles
from .html import page_article
from .jsonl import jsonl_articles
from .text import decode
from .warc import warc_articles

__all__ = ["InputError", "ProblemHandler", "ReadWarning", "Selection", "decode", "iso_date", "iter_articles", "seed_files"]

SEED_PREFIX = "seeds"
_SUFFIX_KINDS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".warc.gz": "warc",
}
_COMPRESSIONS = {b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd", b"PK\x03\x04": "zip", b"7z\xbc\xaf\x27\x1c": "7z"}
_GZIP = b"\x1f\x8b"
_HEAD = 2048


def seed_files() -> list[tuple[str, Path]]:
    """The bundled corpus as (doc name, path): packaged in the wheel, or the checkout's seeds/."""
    packaged = resources.files("nato_digest") / "seeds"
    root = Path(str(packaged))
    if not root.is_dir():
        root = Path(__file__).resolve().parent.parent.parent / "seeds"
    return [(f"{SEED_PREFIX}/{path.name}", path) for path in sorted(root.glob("*.txt"))]


def iter_articles(
    inputs: Iterable[str],
    *,
    jsonl: bool = False,
    on_problem: ProblemHandler,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield the articles of every input in order; problems go to ``on_problem``."""
    names = list(inputs)
    if not names:
        for doc, path in seed_files():
            yield from _read_file(doc, path, on_problem)
        return
    for name in names:
        if name == "-":
            stream = _peekable(stdin or sys.stdin.buffer)
            yield from _read_stream("-", stream, stream.peek(_HEAD), jsonl, on_problem)
            continue
        for doc, path in _expand(name, on_problem):
            yield from _read_file(doc, path, on_problem, jsonl=jsonl)


@dataclass(frozen=True)
class Selection:
    """Which articles a run reads: dated from ``since`` to ``until`` (ISO 8601 prefixes compared,
    so --until 2015-10-08 keeps all of that day), from an outlet whose name or web address
    contains ``source`` (any case). An article without a date is left out by a date bound."""

    since: str | None = None
    until: str | None = None
    source: str | None = None

    def __call__(self, article: Article) -> bool:
        if self.since or self.until:
            if not article.date:
                return False
            if self.since and article.date[: len(self.since)] < self.since:
                return False
            if self.until and article.date[: len(self.until)] > self.until:
                return False
        if self.source:
            wanted = self.source.casefold()
            return any(wanted in (value or "").casefold() for value in (article.source, article.url))
        return True


def _expand(name: str, on_problem: ProblemHandler) -> list[tuple[str, Path]]:
    path = Path(name)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        if not found:
            on_problem(name, "directory has no files")
        return [(str(p), p) for p in found]
    if path.exists():
        return [(name, path)]
    if glob.has_magic(name):
        matches = sorted(glob.glob(name, recursive=True))
        files = [(m, Path(m)) for m in matches if Path(m).is_file()]
        for match in matches:
            if Path(match).is_dir():
                files.extend(_expand(match, on_problem))
        if not files:
            on_problem(name, "pattern matches no file")
        return files
    on_problem(name, "no such file or directory")
    return []


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(doc: str, path: Path, on_problem: ProblemHandler, jsonl: bool = False) -> Iterator[Article]:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
            stream.seek(0)
            yield from _read_stream(doc, stream, head, jsonl, on_problem)
    except OSError as error:
        on_problem(doc, f"cannot read: {error.strerror or error}")


def _read_stream(doc: str, stream: BinaryIO, head: bytes, jsonl: bool, on_problem: ProblemHandler) -> Iterator[Article]:
    """The articles of one input, by the reader of its kind; WARC and JSON Lines are read a record
    at a time, the other kinds whole (each file is one article)."""
    try:
        kind = _sniff(doc, head, jsonl)
        if kind == "warc":
            yield from warc_articles(doc, stream, on_problem)
            return
        if kind == "jsonl":
            if b"\x00" in head:
                raise InputError("binary file (contains NUL bytes)")
            yield from jsonl_articles(doc, stream, on_problem)
            return
        raw = stream.read()
        if not raw.strip():
            raise InputError("empty file")
        if kind == "html":
            yield page_article(doc, raw)
        elif kind == "feed":
            yield from feed_articles(doc, raw, on_problem)
        else:
            yield from _text_articles(doc, raw, on_problem)
    except InputError as error:
        on_problem(doc, str(error))


def _text_articles(doc: str, raw: bytes, on_problem: ProblemHandler) -> Iterator[Article]:
    text, warning = decode(raw)
    if warning:
        on_problem(doc, ReadWarning(warning))
    yield Article(doc=doc, text=text)


def _sniff(name: str, head: bytes, jsonl: bool) -> str:
    """The reader for an input: 'warc', 'jsonl', 'html', 'feed' or 'text'; by the name's suffix,
    else by the content. Raises InputError for a compression that is not a gzip WARC file."""
    lowered = name.lower()
    for magic, compression in _COMPRESSIONS.items():
        if head.startswith(magic):
            raise InputError(f"{compression}-compressed file; decompress it first")
    if head.startswith(_GZIP):
        if lowered.endswith(".warc.gz") or _gunzip_head(head).startswith(b"WARC/"):
            return "warc"
        raise InputError("gzip-compressed file that is not a WARC file; decompress it first")
    if jsonl:
        return "jsonl"
    suffix = next((s for s in _SUFFIX_KINDS if lowered.endswith(s)), None)
    return _SUFFIX_KINDS[suffix] if suffix else _kind_of_content(head)


def _kind_of_content(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed")):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if b"<html" in start:
            return "html"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(head)).read(8)
    except (OSError, EOFError):
        return b""


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[return-value]
