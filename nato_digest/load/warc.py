"""Crawls: WARC files (plain or gzip) through warcio, streamed record by record so that a file of
any size runs in constant memory. Every HTML response record is a web page (see html) whose
``doc`` is the record's target URI. Records that are not HTML responses (requests, metadata,
images, scripts) are not articles and are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..model import Article
from .common import InputError, ProblemHandler
from .html import page_article


def warc_articles(doc: str, stream: BinaryIO, on_problem: ProblemHandler) -> Iterator[Article]:
    """The pages of one WARC stream; a file cut short yields the records before the cut."""
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # warcio and zlib raise several kinds on a damaged file
            on_problem(doc, f"WARC file cut short or damaged after {pages} pages ({error})")
            return
        html = _is_html_response(record)
        body = record.content_stream().read() if html else b""
        _drain(record.raw_stream)
        if record.raw_stream.limit > 0:
            on_problem(doc, f"WARC file cut short in the record of {_uri(record)}; the {pages} pages before it were read")
            return
        if not html:
            continue
        pages += 1
        article = _page(record, body, on_problem)
        if article is not None:
            yield article
    if not pages:
        on_problem(doc, "WARC file has no HTML response records")


def _is_html_response(record) -> bool:
    headers = record.http_headers
    return record.rec_type == "response" and headers is not None and "html" in (headers.get_header("Content-Type") or "")


def _drain(stream: BinaryIO) -> None:
    """Read what is left of a record, in bounded chunks, to learn whether it is whole."""
    while stream.read(1 << 16):
        pass


def _page(record, body: bytes, on_problem: ProblemHandler) -> Article | None:
    uri = _uri(record)
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        on_problem(uri, f"HTTP status {status}: no article")
        return None
    try:
        return page_article(uri, body, url=uri)
    except InputError as error:
        on_problem(uri, str(error))
        return None


def _uri(record) -> str:
    return record.rec_headers.get_header("WARC-Target-URI") or "(record without a target URI)"
