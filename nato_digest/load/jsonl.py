"""JSON Lines: one article per line, ``text`` (or ``html``, a web page) required; ``id``,
``title``, ``date``, ``url``, ``source`` and ``author`` optional. Read a line at a time, so that an
archive of any size is held one record at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from ..model import Article
from .common import InputError, ProblemHandler, ReadWarning, iso_date
from .html import page_article
from .text import decode

_OPTIONAL_FIELDS = ("title", "url", "source", "author")


def jsonl_articles(doc: str, stream: BinaryIO, on_problem: ProblemHandler) -> Iterator[Article]:
    """The records of a JSON Lines stream, each line decoded on its own (UTF-8, else cp1252 with
    one warning for the file); a bad line is reported by its number and the rest read."""
    lines, warned = 0, False
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        lines += 1
        where = f"{doc}:{number}"
        try:
            line, warning = decode(raw)
            if warning and not warned:
                on_problem(doc, ReadWarning(f"line {number}: {warning}"))
                warned = True
            yield _record_article(where, line, on_problem)
        except InputError as error:
            on_problem(where, str(error))
    if not lines:
        raise InputError("empty file")


def _record_article(where: str, line: str, on_problem: ProblemHandler) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}") from None
    if not isinstance(record, dict):
        raise InputError('record has no "text" or "html" string')
    doc = _as_text(record.get("id")) or where
    given = {key: _as_text(record.get(key)) for key in _OPTIONAL_FIELDS}
    given["date"] = _date(where, record.get("date"), on_problem)
    given = {key: value for key, value in given.items() if value is not None}
    if isinstance(record.get("text"), str):
        if not record["text"].strip():
            raise InputError("empty text")
        return Article(doc=doc, text=record["text"], **given)
    if isinstance(record.get("html"), str):
        return replace(page_article(doc, record["html"], url=given.get("url")), **given)
    raise InputError('record has no "text" or "html" string')


def _date(where: str, value: object, on_problem: ProblemHandler) -> str | None:
    date = iso_date(_as_text(value))
    if value not in (None, "") and date is None:
        on_problem(where, ReadWarning(f"date {value!r} is not an ISO 8601 or RFC 2822 date; left out"))
    return date


def _as_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)
