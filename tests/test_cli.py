"""The command line and its JSON contract, end to end."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nato_digest.cli import app
from nato_digest.load import seed_files

runner = CliRunner()
SEED_TEXT = {doc: path.read_text(encoding="utf-8") for doc, path in seed_files()}
COMMANDS = [["summarize"], ["quotes"], ["actors"], ["countries"], ["countries", "--by-doc"], ["entities", "--mentions"], ["entities"], ["sentences"], ["actors", "--by-doc"], ["summarize", "--corpus"]]


def run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    return result


def records(*args: str, input: str | None = None) -> list[dict]:
    result = run(*args, "--format", "jsonl", input=input)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
def test_every_command_in_every_format(command, fmt):
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.strip()
    if fmt == "json":
        assert isinstance(json.loads(out), list) and json.loads(out)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    elif fmt == "markdown":
        assert out.splitlines()[1].startswith("|---")


def test_summarize_contract():
    rows = records("summarize", "--sentences", "2")
    assert [r["doc"] for r in rows] == list(SEED_TEXT)
    assert rows[0]["title"] == "Jens Stoltenberg: NATO ready to defend all allies"
    for row in rows:
        assert set(row) == {"doc", "title", "summary", "date", "source", "url"} and len(row["summary"]) == 2
        assert row["date"] is row["source"] is row["url"] is None
        for extract in row["summary"]:
            assert SEED_TEXT[row["doc"]][extract["start"] : extract["end"]] == extract["text"]


def test_quotes_contract_and_offsets():
    rows = records("quotes")
    assert len(rows) == 12
    for row in rows:
        assert list(row) == ["doc", "quote", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "kind", "title", "date", "source", "url", "speaker_type", "docs"]
        assert row["docs"] == [row["doc"]]
        assert row["speaker_type"] == "PER"  # Stoltenberg and Davutoglu
        text = SEED_TEXT[row["doc"]]
        assert text[row["start"] : row["end"]] == row["quote"]
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker_mention"]
        assert row["kind"] in ("direct", "partial")


def test_speaker_filter_matches_every_alias():
    rows = records("quotes", "--speaker", "Stoltenberg")
    assert len(rows) == 8 and {r["speaker"] for r in rows} == {"Jens Stoltenberg"}
    mentions = {r["speaker_mention"] for r in rows}
    assert {"the Secretary General", "He", "Stoltenberg", "Jens Stoltenberg"} <= mentions
    assert len(records("quotes", "--speaker", "jens stoltenberg")) == 8
    assert {r["speaker"] for r in records("quotes", "--speaker", "Davutoglu")} == {"Ahmet Davutoglu"}
    assert records("quotes", "--speaker", "Kerry") == []
    assert {r["speaker"] for r in records("quotes", "--speaker", "Secretary General")} == {"Jens Stoltenberg"}


def test_mentions_contract():
    rows = records("entities", "--mentions")
    for row in rows:
        assert list(row) == ["doc", "text", "start", "end", "label", "entity", "country", "margin"]
        assert SEED_TEXT[row["doc"]][row["start"] : row["end"]] == row["text"]
        assert row["label"] in ("PER", "ORG", "LOC", "MISC")
    repeated_headline = next(r for r in rows if r["margin"] and r["text"] == "Jens Stoltenberg")
    assert repeated_headline["entity"] == "Jens Stoltenberg"
    moscow = next(r for r in rows if r["text"] == "Moscow")
    assert (moscow["label"], moscow["entity"], moscow["country"]) == ("LOC", "Russia", "RU")
    putin = [r for r in rows if "Putin" in r["text"]]
    assert {r["entity"] for r in putin} == {"Valdimir Putin"}


def test_actor_and_country_records():
    actors = records("actors")
    assert list(actors[0]) == ["name", "type", "mentions", "docs", "aliases", "roles", "country"]
    countries = records("countries")
    assert list(countries[0]) == ["code", "name", "mentions", "docs", "forms"]
    assert countries[0]["code"] == "RU"
    by_doc = records("countries", "--by-doc")
    assert list(by_doc[0]) == ["doc", "code", "name", "mentions", "forms", "title", "date", "source", "url"]
    # the Turkish Foreign Ministry is Turkey's, shown in the document's forms only
    turkey = next(r for r in by_doc if r["code"] == "TR" and r["doc"].startswith("seeds/000"))
    assert "Turkish Foreign Ministry" in turkey["forms"]
    assert "Turkish Foreign Ministry" not in next(r for r in countries if r["code"] == "TR")["forms"]


def test_sentences_command():
    rows = records("sentences")
    assert list(rows[0]) == ["doc", "start", "end", "text", "paragraph"]
    assert any(r["text"] == "He also said that “NATO is ready to defend all allies.”" for r in rows)


def test_directory_and_jsonl_stdin(tmp_path: Path):
    for doc, text in SEED_TEXT.items():
        (tmp_path / Path(doc).name).write_text(text, encoding="utf-8")
    rows = records("quotes", str(tmp_path))
    assert len(rows) == 12 and rows[0]["doc"] == str(tmp_path / "000_f0310f10080e8da0.txt")
    lines = "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(SEED_TEXT.values()))
    rows = records("quotes", "-", "--jsonl", input=lines)
    assert [r["doc"] for r in rows].count("a1") == 9
    plain = records("countries", "-", input=list(SEED_TEXT.values())[1])
    assert plain[0]["code"] == "RU"


def test_summarize_reads_stdin_once_for_both_passes(tmp_path: Path):
    """The digest's second pass (the analyses) reads back the stories that the first (term
    counts) read and spooled: from stdin, the same digest as from a file, a syndicated copy
    counted once, a bad line reported once."""
    texts = list(SEED_TEXT.values())
    lines = "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate([*texts, texts[0]]))
    path = tmp_path / "news.jsonl"
    path.write_text(lines, encoding="utf-8")
    from_file = run("summarize", str(path), "--corpus", "--format", "jsonl")
    from_stdin = run("summarize", "-", "--jsonl", "--corpus", "--format", "jsonl", input=lines + "not json\n")
    assert from_stdin.exit_code == 1 and from_stdin.stderr.count("nato-digest: ") == 1
    assert from_stdin.stdout == from_file.stdout
    digest = [json.loads(line) for line in from_stdin.stdout.splitlines()]
    assert any(row["docs"] == ["a0", "a2"] for row in digest)


def test_skipped_inputs_set_the_exit_status_and_the_rest_is_processed(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("“We will not leave,” NATO Secretary General Jens Stoltenberg said in Kabul.", encoding="utf-8")
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01\x02")
    result = run("quotes", "--format", "jsonl", str(tmp_path / "bad.bin"), str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["speaker"], r["quote"]) for r in rows] == [("Jens Stoltenberg", "We will not leave")]
    assert "bad.bin: binary file" in result.stderr and "missing.txt: no such file" in result.stderr


def test_article_text_is_never_read_as_markup(tmp_path: Path):
    path = tmp_path / "markup.txt"
    path.write_text("“[bold]This is not markup[/bold], believe me,” Jens Stoltenberg said in Brussels.", encoding="utf-8")
    result = run("quotes", "--format", "table", str(path))
    assert result.exit_code == 0
    assert "[bold]This" in result.stdout


def test_a_closed_pipe_ends_quietly():
    """Like other Unix tools: stopped by SIGPIPE (141 under pipefail) or done first, never a traceback."""
    command = f"{sys.executable} -m nato_digest sentences --format jsonl | head -n 1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 141), done.stderr
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def test_unknown_method_is_a_usage_error():
    result = run("summarize", "--method", "nope")
    assert result.exit_code == 2


def test_help_names_every_summarizer_without_importing_them():
    from nato_digest.cli import SUMMARY_METHODS
    from nato_digest.summarize import SUMMARIZERS

    assert SUMMARY_METHODS == tuple(SUMMARIZERS)
    code = "import sys, nato_digest.cli; print(sorted(m for m in ('numpy', 'rich', 'nltk') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def _imported_by(args: list[str], modules: tuple[str, ...], environment: dict | None = None) -> tuple[int, bool, list[str]]:
    """A command run in a fresh interpreter: its exit code, whether it printed records, and which
    of ``modules`` it imported."""
    code = (
        "import sys; from typer.testing import CliRunner; from nato_digest.cli import app; "
        f"result = CliRunner().invoke(app, {args!r}); "
        f"print(repr((result.exit_code, len(result.stdout.splitlines()) > 1, sorted(m for m in {modules!r} if m in sys.modules))))"
    )
    return ast.literal_eval(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment).stdout)


@pytest.mark.parametrize("command", ["sentences", "articles"])
def test_commands_that_only_segment_load_no_analysis(command):
    """The segmenter alone: neither the recognizer's model nor the other analyses' modules."""
    assert _imported_by([command, "--format", "jsonl", "--jobs", "1"], ("nato_digest.entities", "nato_digest.pipeline")) == (0, True, [])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_command_writing_no_table_imports_no_rich(fmt):
    """Rich draws the tables and the progress bar, so a run with neither never imports it."""
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    assert _imported_by(["quotes", "--format", fmt, "--jobs", "1"], ("rich",), environment) == (0, True, [])


def test_a_document_above_max_bytes_is_reported_and_skipped(tmp_path):
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(SEED_TEXT["seeds/000_f0310f10080e8da0.txt"][:600], encoding="utf-8")
    large.write_text("NATO said “we are ready”. " * 200, encoding="utf-8")
    result = run("articles", str(small), str(large), "--max-bytes", "2000", "--format", "jsonl")
    assert result.exit_code == 1
    message = "6,000 bytes, above --max-bytes 2,000: skipped"
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["doc"], row["skipped"]) for row in rows] == [(str(small), None), (str(large), message)]
    assert f"{large}: {message}" in result.stderr


@pytest.mark.parametrize("command", [["quotes"], ["actors"], ["countries"], ["countries", "--by-doc"], ["entities"]], ids=" ".join)
def test_commands_that_print_no_summary_make_none(command, monkeypatch):
    """Summaries and digest candidates are summarize's alone: the other commands skip their cost."""
    from nato_digest import aggregate, summarize

    def not_wanted(*args, **kwargs):
        raise AssertionError("a summary or digest candidate made for a command that prints none")

    monkeypatch.setattr(summarize.NewsSummarizer, "__call__", not_wanted)
    monkeypatch.setattr(aggregate, "digest_candidates", not_wanted)
    assert records(*command, "--jobs", "1")


@pytest.mark.parametrize("output", [["--format", "jsonl"], ["--corpus"], ["--format", "csv"]], ids=" ".join)
def test_summary_and_digest_records_find_no_names(output, monkeypatch):
    """Their records carry no names, so the recognizer (and the countries, actors and quotes built
    on it) is neither loaded nor run for them (test_summarize: the records are the same)."""
    from nato_digest import entities

    def not_wanted(*args):
        raise AssertionError("names found for records that carry none")

    monkeypatch.setattr(entities.EntityRecognizer, "recognize", not_wanted)
    monkeypatch.setattr(entities.EntityRecognizer, "recognize_many", not_wanted)
    monkeypatch.setattr(entities, "default_recognizer", not_wanted)
    result = run("summarize", "--jobs", "1", *output)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) >= 2


def test_summarize_extracts_each_web_page_once(tmp_path: Path, monkeypatch):
    """The second pass reads the first pass's articles back from its spool, not the inputs again:
    a page's text is extracted once (the costly part of reading a page, a feed or a crawl)."""
    from nato_digest import load

    extracted = []
    original = load.page_article
    monkeypatch.setattr(load, "page_article", lambda doc, raw: extracted.append(doc) or original(doc, raw))
    text = list(SEED_TEXT.values())[0]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>NATO</title></head><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    result = run("summarize", str(page), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 0 and json.loads(result.stdout)["doc"] == str(page)
    assert extracted == [str(page)]


def test_a_temporary_directory_that_cannot_take_the_stories_ends_the_run_in_one_line(monkeypatch):
    """A full disk under TMPDIR is named on stderr, in one line, with no traceback."""
    from nato_digest.load import spool

    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spool.tempfile, "TemporaryFile", lambda: type("Full", (), {"write": full, "close": lambda self: None})())
    result = run("summarize", "--format", "jsonl")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # Python prints its message, alone
    where = spool.tempfile.gettempdir()
    assert str(result.exception) == f"nato-digest: cannot keep the stories for the second pass in {where}: No space left on device"
