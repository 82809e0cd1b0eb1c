from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nato_digest.load import InputError, decode, iter_articles, seed_files
from nato_digest.model import Article


def collect(inputs, **kwargs):
    problems: list[tuple[str, str]] = []
    articles = list(iter_articles(inputs, on_problem=lambda name, msg: problems.append((name, msg)), **kwargs))
    return articles, problems


def test_decode_utf8_with_and_without_bom():
    assert decode("NATO’s".encode()) == ("NATO’s", None)
    assert decode(b"\xef\xbb\xbfNATO") == ("NATO", None)


def test_decode_falls_back_to_cp1252_with_a_warning():
    text, warning = decode(b"Davutoglu said \x93no\x94 \x81")
    assert text == "Davutoglu said “no” \x81"
    assert warning and "cp1252" in warning


@pytest.mark.parametrize("raw, message", [(b"", "empty"), (b"  \n", "empty"), (b"PK\x03\x04\x00\x00", "binary")])
def test_decode_rejects_empty_and_binary(raw, message):
    with pytest.raises(InputError, match=message):
        decode(raw)


def test_no_input_means_the_bundled_seeds():
    articles, problems = collect([])
    assert [a.doc for a in articles] == ["seeds/000_f0310f10080e8da0.txt", "seeds/002_f7e10fd35aff0d87.txt"]
    assert not problems
    assert "Stoltenberg" in articles[0].text
    assert len(seed_files()) == 2


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article text.")
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    articles, problems = collect([str(tmp_path)])
    assert [a.doc for a in articles] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]
    assert not problems


def test_bad_inputs_are_reported_and_skipped_while_the_rest_is_read(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("NATO said so.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\x00\x00")
    articles, problems = collect([str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "image.bin"), str(good)])
    assert [a.doc for a in articles] == [str(good)]
    assert [p[1].split(" ")[0] for p in problems] == ["empty", "no", "binary"]


def test_glob_patterns(tmp_path: Path):
    for name in ("x1.txt", "x2.txt", "y.md"):
        (tmp_path / name).write_text("Some news.")
    articles, _ = collect([str(tmp_path / "x*.txt")])
    assert [Path(a.doc).name for a in articles] == ["x1.txt", "x2.txt"]
    _, problems = collect([str(tmp_path / "z*.txt")])
    assert problems and "matches no file" in problems[0][1]


def test_jsonl_records_with_ids_and_line_numbers(tmp_path: Path):
    lines = [
        json.dumps({"id": "a1", "text": "NATO met.", "title": "Meeting", "date": "2015-12-01"}),
        "not json",
        json.dumps({"text": "Russia said no."}),
        json.dumps({"title": "no text"}),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n")
    articles, problems = collect([str(path)])
    assert [(a.doc, a.title, a.date) for a in articles] == [("a1", "Meeting", "2015-12-01"), (f"{path}:3", None, None)]
    assert [p[0] for p in problems] == [f"{path}:2", f"{path}:4"]


def test_jsonl_is_read_a_record_at_a_time_each_line_decoded_on_its_own():
    """An archive of any size: the first record comes before the stream is read far; a line in
    cp1252 is decoded as such (one warning for the file), the others as UTF-8."""

    class Counting(io.BytesIO):
        def read(self, size=-1):
            return super().read(min(size, 1 << 16) if size and size > 0 else 1 << 16)

        def readinto(self, buffer):
            return super().readinto(memoryview(buffer)[: 1 << 16])

    records = [json.dumps({"id": f"r{n}", "text": f"Report number {n} from Brussels."}) for n in range(40_000)]
    latin = json.dumps({"id": "latin", "text": "Caf\u00e9 talks in Ankara."}, ensure_ascii=False).encode("cp1252")
    data = latin + b"\n" + "\n".join(records).encode() + b"\n"
    stream = Counting(data)
    problems = []
    read = iter_articles(["-"], jsonl=True, stdin=io.BufferedReader(stream), on_problem=lambda *p: problems.append(p))
    first = next(read)
    assert first.doc == "latin" and first.text == "Café talks in Ankara." and stream.tell() < len(data) / 4
    assert sum(1 for _ in read) == 40_000 and len(problems) == 1 and "cp1252" in problems[0][1]


def test_stdin_plain_and_jsonl():
    articles, _ = collect(["-"], stdin=io.BytesIO("Plain text from a pipe.".encode()))
    assert [(a.doc, a.text) for a in articles] == [("-", "Plain text from a pipe.")]
    data = (json.dumps({"text": "One."}) + "\n" + json.dumps({"id": "x", "text": "Two."}) + "\n").encode()
    articles, _ = collect(["-"], jsonl=True, stdin=io.BytesIO(data))
    assert [a.doc for a in articles] == ["-:1", "x"]


def test_the_pipeline_works_from_python_without_the_cli():
    from nato_digest.pipeline import analyse

    analysis = analyse(Article("x", "“We are ready,” NATO Secretary General Jens Stoltenberg said in Brussels."), sentences=1)
    assert [(q.speaker, q.text) for q in analysis.quotes] == [("Jens Stoltenberg", "We are ready")]
    assert analysis.summary and analysis.doc == "x"


_ANY_TEXT = st.text(st.characters(categories=["L", "N", "P", "Z", "Cc", "Cs"]))  # lone surrogates (Cs) too


@given(st.lists(st.builds(
    Article, _ANY_TEXT, _ANY_TEXT, st.none() | _ANY_TEXT, st.none() | st.text(), st.none() | st.text(),
    st.none() | st.text(), st.none() | st.text(), st.booleans(), st.none() | st.text(),
), max_size=5))
def test_spooled_articles_read_back_as_they_were_written(articles):
    """Any text, newlines, NULs and lone surrogates included: the second pass reads what the first read."""
    from nato_digest.load.spool import Spool

    with Spool() as spool:
        for article in articles:
            spool.write(article)
        assert list(spool.articles()) == articles


def test_reading_needs_no_mail_module_until_a_date_is_not_iso():
    import subprocess
    import sys

    code = (
        "import sys, nato_digest.cli, nato_digest.load as load; "
        "articles = list(load.iter_articles([], on_problem=print)); before = 'email.utils' in sys.modules; "
        "print(len(articles) > 0, before, 'socket' in sys.modules, load.iso_date('Thu, 08 Oct 2015 09:30:00 +0200'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False", "False", "2015-10-08T09:30:00+02:00"]
