"""Web pages: trafilatura extracts the main text (no menus, related links, comments, cookie
banners or footers) and the page's title, date, author, outlet and canonical URL.

The extracted text, one paragraph a line, is the article's text: every offset refers to it.
trafilatura is imported on first use, so a run without web pages does not pay for it.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from types import ModuleType
from urllib.parse import urlsplit

from ..model import Article
from .common import InputError, iso_date

_DATE_SEARCH = {"extensive_search": False, "original_date": True}
"""A page's date from its markup (meta tags, <time>, structured data), never guessed from its text:
an extensive search dates an undated page by the year of its copyright line."""

MIN_PAGE_WORDS = 30
"""Fewer words of main text than this is an error page, a paywall stub or a teaser, not an article."""


@cache
def _trafilatura() -> ModuleType:
    import trafilatura

    # Their diagnostics would reach stderr through logging's last-resort handler; the reader
    # reports each page's problem itself, in one line.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    return trafilatura


def page_article(doc: str, html: bytes | str, url: str | None = None) -> Article:
    """The article a web page carries. Raises InputError for a page with no article."""
    extracted = _extract(html, url, favor_precision=True, with_metadata=True, date_extraction_params=_DATE_SEARCH)
    text = extracted.text if extracted is not None else ""
    if not text.strip():
        raise InputError("no article text on the page (an index, error or paywall page, or not HTML)")
    words = len(text.split())
    if words < MIN_PAGE_WORDS:
        raise InputError(f"only {words} words of article text (an error or paywall page, or a teaser)")
    page_url = extracted.url or url
    return Article(
        doc=doc,
        text=text,
        title=extracted.title or None,
        date=iso_date(extracted.date),
        url=page_url,
        source=extracted.sitename or _host(page_url),
        author=extracted.author or None,
    )


def fragment_text(html: str) -> str:
    """The text of an HTML fragment known to be article content (a feed item's), one paragraph a line."""
    if "<" not in html:
        return html.strip()
    extracted = _extract(html, None, favor_recall=True)
    if extracted is not None and extracted.text.strip():
        return extracted.text
    from lxml import html as lxml_html

    try:
        return re.sub(r"\s+", " ", lxml_html.fragment_fromstring(html, create_parent="div").text_content()).strip()
    except Exception:  # lxml's parser errors have no common base but Exception
        return ""


def _extract(html: bytes | str, url: str | None, **options: object):
    try:
        return _trafilatura().bare_extraction(html, url=url, include_comments=False, include_tables=False, **options)
    except Exception:  # a parser failure on hostile markup is a page without an article, not a crash
        return None


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
