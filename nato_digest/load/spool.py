"""The stories of a first pass kept on disk for the second: each article as the first pass read
it, so that a web page, feed item or crawl record is extracted once (extraction is most of the cost
of reading one) and stdin is read once. A JSON array of the article's fields per line, in a
temporary file removed at the end; one article at a time is written or read, so memory stays flat."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from types import TracebackType

from ..model import Article

_FIELDS = tuple(f.name for f in fields(Article))


class Spool:
    """Articles written in order, then read back in that order, each equal to the one written. A
    temporary directory that cannot take them (full, or not writable) ends the run with one line
    on stderr, naming it (TMPDIR chooses another)."""

    def __init__(self) -> None:
        with _reported():
            self._file = tempfile.TemporaryFile()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._file.close()

    def write(self, article: Article) -> None:
        # ASCII JSON: every character escaped that is not, lone surrogates included, and one line per article
        with _reported():
            self._file.write(json.dumps([getattr(article, name) for name in _FIELDS]).encode("ascii") + b"\n")

    def articles(self) -> Iterator[Article]:
        """The articles written, from the first (once writing is over)."""
        with _reported():
            self._file.flush()
            self._file.seek(0)
        for line in self._file:
            yield Article(*json.loads(line))


@contextmanager
def _reported() -> Iterator[None]:
    try:
        yield
    except OSError as error:
        where = tempfile.gettempdir()
        raise SystemExit(f"nato-digest: cannot keep the stories for the second pass in {where}: {error.strerror or error}") from None
