"""Web pages, feeds and crawls, end to end: each test writes its own pages, feeds and WARC files."""

from __future__ import annotations

import gzip
import io
import json
from html import escape
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from nato_digest.cli import app
from nato_digest.duplicates import Duplicates, signature, sorted_distinct
from nato_digest.load import iter_articles
from nato_digest.model import Article

STORY = [
    "BRUSSELS — NATO Secretary General Jens Stoltenberg said on Thursday that the alliance was ready to defend "
    "Turkey after Russian warplanes violated its air space near the Syrian border.",
    "“NATO is ready and able to defend all allies, including Turkey, against any threats,” Stoltenberg told "
    "reporters before a meeting of defence ministers in Brussels.",
    "Turkish Prime Minister Ahmet Davutoglu said Ankara would not tolerate further incursions. The Russian defence "
    "ministry said one of its jets had strayed into Turkish air space for a few seconds because of bad weather.",
    "Ministers will also discuss the alliance's new rapid reaction force, which is meant to deploy within days to "
    "any ally under threat, and the training of Afghan security forces.",
    "Diplomats said the meeting would end with a statement on Russia's military build-up in Syria, where Moscow "
    "began air strikes last week in support of President Bashar al-Assad.",
]
OTHER_STORY = [
    "KIEV — Ukraine's parliament approved a budget on Friday that sharply raises spending on the army, as fighting "
    "with Russian-backed separatists in the east of the country continued despite a ceasefire agreed in Minsk.",
    "Prime Minister Arseniy Yatseniuk told lawmakers the money would pay for new armoured vehicles and for the "
    "wages of soldiers serving on the front line, and that the International Monetary Fund had approved the plan.",
]


def page(title: str, paragraphs: list[str], *, outlet: str = "Example Times", author: str = "Jane Reporter",
         date: str = "2015-10-08T09:30:00Z", url: str = "https://news.example.com/world/nato-turkey") -> str:
    """A news page as sites serve them: the article amid navigation, a cookie banner, related links,
    comments and a footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {escape(outlet)}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{escape(outlet)}">
<meta name="author" content="{escape(author)}"><meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>{escape(title)}</h1><p class="byline">By {escape(author)}</p>
{body}
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Ten things to know about the Eurovision song contest</a></li></ul></aside>
<section id="comments"><p>Comment by reader99: Michael Jones is right about all of this!</p></section>
<footer><p>© 2015 {escape(outlet)}. All rights reserved. Contact us. Privacy policy.</p></footer>
</body></html>"""


def warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> Path:
    """A gzip WARC file of (uri, status, content type, body) response records, written by warcio."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return path


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>NATO ready to defend Turkey</title><link>https://wire.example.org/nato-turkey</link>
<pubDate>Thu, 08 Oct 2015 09:30:00 +0200</pubDate><description>NATO says it is ready.</description>
<content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Ukraine raises army spending</title><link>https://wire.example.org/ukraine-budget</link>
<pubDate>Fri, 09 Oct 2015 12:00:00 GMT</pubDate><description>{summary}</description></item>
</channel></rss>"""


def run(*args: str):
    return CliRunner().invoke(app, [*args, "--format", "jsonl"])


def records(*args: str, status: int = 0) -> list[dict]:
    result = run(*args)
    assert result.exit_code == status, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def collect(*inputs: str):
    problems: list[tuple[str, str]] = []
    return list(iter_articles(inputs, on_problem=lambda *p: problems.append(p))), problems


def test_web_page_main_text_metadata_and_quotes(tmp_path: Path):
    saved = tmp_path / "saved_page.html"
    saved.write_text(page("NATO ready to defend Turkey, Stoltenberg says", STORY), encoding="utf-8")
    [article], problems = collect(str(saved))
    assert not problems
    for furniture in ("Home", "cookies", "Eurovision", "reader99", "All rights reserved", "By Jane Reporter"):
        assert furniture not in article.text
    assert (article.title, article.date, article.source, article.author, article.url) == (
        "NATO ready to defend Turkey, Stoltenberg says", "2015-10-08", "Example Times", "Jane Reporter",
        "https://news.example.com/world/nato-turkey")
    quotes = records("quotes", str(saved))
    [quote] = [q for q in quotes if q["quote"].startswith("NATO is ready")]
    assert (quote["speaker"], quote["kind"], quote["source"], quote["date"]) == ("Jens Stoltenberg", "direct", "Example Times", "2015-10-08")
    assert article.text[quote["start"] : quote["end"]] == quote["quote"]
    names = {a["name"] for a in records("actors", str(saved))}
    assert "Jens Stoltenberg" in names and not names & {"Jane Reporter", "Example Times", "Michael Jones"}


def test_html_is_recognised_by_content_and_pages_without_an_article_are_skipped(tmp_path: Path):
    (tmp_path / "a_page.txt").write_text(page("NATO ready", STORY))
    index = "".join(f'<li><a href="/n{i}">NATO and Russia: headline {i}</a></li>' for i in range(30))
    (tmp_path / "b_index.html").write_text(f"<html><head><title>World</title></head><body><ul>{index}</ul></body></html>")
    (tmp_path / "c_404.html").write_text("<html><body><h1>404</h1><p>Sorry, this page does not exist.</p></body></html>")
    (tmp_path / "d_paywall.htm").write_text(page("NATO warns Russia", ["Subscribe to continue reading. This article is for subscribers only."]))
    (tmp_path / "e_broken.html").write_bytes(b"<html><body><p>NATO said <b>so<p>and \xff then <div></span></ht")
    articles, problems = collect(str(tmp_path))
    assert [a.doc for a in articles] == [str(tmp_path / "a_page.txt")]
    assert [Path(name).name for name, _ in problems] == ["b_index.html", "c_404.html", "d_paywall.htm", "e_broken.html"]
    assert all("article" in message for _, message in problems)


def test_feed_items_full_content_else_summary_marked(tmp_path: Path):
    feed = tmp_path / "feed.xml"
    full = "".join(f"<p>{escape(p)}</p>" for p in STORY)
    feed.write_text(FEED.format(full=full, summary=escape(OTHER_STORY[0])), encoding="utf-8")
    summaries = records("summarize", str(feed))
    assert [(r["doc"], r["source"], r["date"]) for r in summaries] == [
        ("https://wire.example.org/nato-turkey", "Example Wire", "2015-10-08T07:30:00+00:00"),
        ("https://wire.example.org/ukraine-budget", "Example Wire", "2015-10-09T12:00:00+00:00"),
    ]
    assert summaries[0]["title"] == "NATO ready to defend Turkey"
    listed = records("articles", str(feed))
    assert [r["excerpt"] for r in listed] == [False, True]
    assert listed[0]["words"] == sum(len(p.split()) for p in STORY)


@pytest.mark.parametrize("content, message", [
    ("<?xml version='1.0'?><rss><channel><title>News & </channel>", "bad feed XML"),
    ("<?xml version='1.0'?><config><setting>1</setting></config>", "not an RSS or Atom feed"),
])
def test_bad_feeds_are_reported_and_skipped(tmp_path: Path, content: str, message: str):
    (tmp_path / "bad.xml").write_text(content)
    (tmp_path / "good.txt").write_text(" ".join(STORY))
    articles, problems = collect(str(tmp_path))
    assert [Path(a.doc).name for a in articles] == ["good.txt"]
    assert [(Path(name).name, message in text) for name, text in problems] == [("bad.xml", True)]


def test_crawl_pages_by_target_uri_and_a_cut_file_keeps_the_records_before_the_cut(tmp_path: Path):
    html = page("NATO ready to defend Turkey", STORY).encode()
    crawl = warc(tmp_path / "crawl.warc.gz", [
        ("https://news.example.com/nato", "200 OK", "text/html; charset=utf-8", html),
        ("https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG\x00\x00"),
        ("https://news.example.com/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("https://other.example.net/ukraine", "200 OK", "text/html", page("Ukraine budget", OTHER_STORY, outlet="Other Post").encode()),
    ])
    actors = records("actors", "--by-doc", str(crawl), status=1)
    assert {r["doc"] for r in actors} == {"https://news.example.com/nato", "https://other.example.net/ukraine"}
    assert {r["source"] for r in actors} == {"Example Times", "Other Post"}
    assert run("actors", str(crawl)).stderr.count("\n") == 1  # the 404 page; the image is not an article
    data = crawl.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])
    articles, problems = collect(str(cut))
    assert [a.doc for a in articles] == ["https://news.example.com/nato"]
    assert problems[-1][0] == str(cut) and "cut short" in problems[-1][1]


def test_unknown_compression_and_gzip_that_is_not_a_crawl_are_reported(tmp_path: Path):
    (tmp_path / "news.txt.bz2").write_bytes(b"BZh91AY&SY\x00\x01")
    (tmp_path / "news.txt.gz").write_bytes(gzip.compress(" ".join(STORY).encode()))
    articles, problems = collect(str(tmp_path))
    assert not articles
    assert [message.split("-compressed")[0] for _, message in problems] == ["bzip2", "gzip"]


def test_jsonl_line_may_carry_html_its_own_fields_first(tmp_path: Path):
    path = tmp_path / "pages.jsonl"
    lines = [{"id": "p1", "html": page("NATO ready", STORY), "source": "Wire copy"}, {"id": "p2", "html": "<html><body>404</body></html>"}]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    [article], problems = collect(str(path))
    assert (article.doc, article.source, article.date) == ("p1", "Wire copy", "2015-10-08")
    assert problems == [(f"{path}:2", problems[0][1])] and "article" in problems[0][1]


def test_since_until_and_source_select_articles(tmp_path: Path):
    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "text": " ".join(STORY), "date": "2015-10-08T09:30:00Z", "source": "Example Times"},
        {"id": "b", "text": " ".join(OTHER_STORY), "date": "2015-10-09", "source": "Other Post"},
        {"id": "c", "text": "Undated news about NATO and Russia in Syria."},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    docs = lambda *options: [r["doc"] for r in records("articles", str(path), *options)]  # noqa: E731
    assert docs() == ["a", "b", "c"]
    assert docs("--since", "2015-10-09") == ["b"]
    assert docs("--until", "2015-10-08") == ["a"]
    assert docs("--source", "example") == ["a"]
    assert run("articles", str(path), "--since", "last week").exit_code == 2


def copies_of_one_story(tmp_path: Path) -> list[Path]:
    """Five outlets print one wire story: own headline and byline, two of them with their own last paragraph."""
    outlets = ["Example Times", "Daily Example", "Example Herald", "The Example Post", "Example Courier"]
    paths = []
    for number, outlet in enumerate(outlets):
        paragraphs = STORY[:-1] + ([f"{outlet} will follow the meeting live on its website from nine o'clock on Thursday morning."] if number % 2 else STORY[-1:])
        path = tmp_path / f"copy{number}.html"
        html = page(f"{['NATO ready', 'Stoltenberg vows', 'Alliance will defend', 'NATO backs', 'Turkey gets'][number]} Turkey defence",
                    paragraphs, outlet=outlet, author=f"Reporter {number}", url=f"https://{number}.example.com/story")
        path.write_text(html)
        paths.append(path)
    return paths


def test_five_copies_of_one_story_count_once(tmp_path: Path):
    copies = [str(p) for p in copies_of_one_story(tmp_path)]
    other = tmp_path / "other.html"
    other.write_text(page("Ukraine budget", OTHER_STORY, outlet="Other Post", url="https://other.example.net/u"))
    listed = records("articles", *copies, str(other))
    assert [r["duplicate_of"] for r in listed] == [None, *[copies[0]] * 4, None]
    single, five = records("actors", copies[0]), records("actors", *copies)
    assert five == single  # mentions and docs alike: the story counts once
    [quote] = [q for q in records("quotes", *copies) if q["quote"].startswith("NATO is ready")]
    assert quote["docs"] == copies
    digest = records("summarize", "--corpus", *copies, str(other))
    assert any(item["docs"] == copies for item in digest)


def test_minhash_estimates_jaccard_and_keeps_separate_reports_apart():
    text = " ".join(STORY)
    rewritten = " ".join(STORY[:-1]) + " The ministers will meet again in December to review the force."
    assert float((signature(text) == signature(rewritten)).mean()) == pytest.approx(0.75, abs=0.12)
    duplicates = Duplicates()
    stream = [Article("a", text), Article("b", " ".join(OTHER_STORY)), Article("c", "Headline\n" + rewritten), Article("d", text)]
    assert [a.duplicate_of for a in duplicates.mark(stream)] == [None, None, "a", "a"]


def test_articles_text_is_what_offsets_refer_to(tmp_path: Path):
    saved = tmp_path / "saved.html"
    saved.write_text(page("NATO ready to defend Turkey", STORY))
    [listed] = records("articles", "--text", str(saved))
    for sentence in records("sentences", str(saved)):
        assert listed["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_an_undated_page_has_no_date_rather_than_a_guess(tmp_path: Path):
    undated = page("NATO ready", STORY).replace('<meta property="article:published_time" content="2015-10-08T09:30:00Z">', "")
    (tmp_path / "undated.html").write_text(undated)
    [article], _ = collect(str(tmp_path / "undated.html"))
    assert article.date is None  # not 2015-01-01, from the footer's "© 2015"


def test_a_damaged_feed_is_read_as_far_as_it_goes_with_a_warning(tmp_path: Path):
    feed = tmp_path / "damaged.rss"
    feed.write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example Wire</title><item><title>Ukraine</title>"
                    f"<link>https://wire.example.org/u</link><description>{OTHER_STORY[0]} & more</description></item>")
    result = run("articles", str(feed))
    assert result.exit_code == 0 and "not well-formed" in result.stderr
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["https://wire.example.org/u"]


def test_stdin_is_recognised_by_its_content(tmp_path: Path):
    crawl = warc(tmp_path / "crawl.warc.gz", [("https://news.example.com/nato", "200 OK", "text/html", page("NATO ready", STORY).encode())])
    for data, doc in ((crawl.read_bytes(), "https://news.example.com/nato"), (page("NATO ready", STORY).encode(), "-")):
        result = CliRunner().invoke(app, ["articles", "-", "--format", "jsonl"], input=data)
        assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["Example Times"]
        assert json.loads(result.stdout)["doc"] == doc


def test_duplicates_finds_copies_among_thousands_of_stories_in_about_a_kilobyte_each():
    """The band table grows past its first sizes and still finds an early story's copy (its last
    paragraph changed); a story costs its 128 low bytes and at most 32 band slots / 0.47."""
    import random

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choices(vocabulary, k=60)) for _ in range(1500)]
    duplicates = Duplicates()
    assert all(duplicates.original_of(Article(f"s{i}", text)) is None for i, text in enumerate(texts))
    copy = texts[5][: len(texts[5]) * 3 // 4] + " the closing paragraph is another outlet's own"
    assert duplicates.original_of(Article("copy", copy)) == "s5"
    assert duplicates.original_of(Article("new", " ".join(rng.choices(vocabulary, k=60)))) is None
    stories = len(texts) + 1
    assert len(duplicates._minima) == 128 * stories
    assert len(duplicates._bands._keys) <= 32 * stories / 0.47


def comparisons(count: int, monkeypatch) -> int:
    """Stories compared while ``count`` short stories alike (one word apart, most of them below the
    copy threshold) are surveyed for copies: what a feed of boilerplate items costs."""
    compared = []
    original = Duplicates._low_minima
    monkeypatch.setattr(Duplicates, "_low_minima", lambda self, story: compared.append(story) or original(self, story))
    duplicates = Duplicates()
    found = [duplicates.original_of(Article(f"a{i}", f"Nato leader W{i} met in Brussels. “We act,” he said.")) for i in range(count)]
    monkeypatch.undo()
    assert found.count(None) > count // 2
    return len(compared)


def test_stories_alike_are_each_compared_with_a_bounded_number_of_earlier_ones(monkeypatch):
    small, large = comparisons(1000, monkeypatch), comparisons(4000, monkeypatch)
    assert large <= 4.4 * small  # each compared with every story alike before it: quadratic


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300), st.integers(1, 2**64 - 1))
def test_sorted_distinct_is_what_numpy_unique_returns(values, spread):
    """The shingles' and the digest's distinct values, by a sort: as numpy's own unique gives them."""
    array = (np.array(values, dtype=np.uint64) % np.uint64(spread)).astype(np.uint64)
    assert np.array_equal(sorted_distinct(array), np.unique(array))
    assert sorted_distinct(array).dtype == np.uint64


def test_the_shipped_minhash_functions_are_the_ones_the_seeded_generator_draws():
    from importlib import resources

    from nato_digest.duplicates import MINHASH_PATH, _permutations
    from scripts.build_minhash import coefficients

    shipped = json.loads((resources.files("nato_digest") / "/".join(MINHASH_PATH)).read_text(encoding="utf-8"))
    assert shipped == coefficients()
    a, b = _permutations()
    assert a.dtype == b.dtype == np.uint64 and a.shape == b.shape == (128, 1)
    assert a[:, 0].tolist() == shipped["a"] and b[:, 0].tolist() == shipped["b"] and all(value % 2 for value in shipped["a"])


def test_a_signature_needs_no_random_numbers():
    import subprocess
    import sys

    code = "import sys; from nato_digest.duplicates import signature; signature('NATO said on Monday that it was ready'); print('numpy.random' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
