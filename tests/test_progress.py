"""On a terminal the progress bar is drawn on stderr and never cuts a line of the output."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_BAR = re.compile(r"\s*(\d+/\d+|\d+ articles)\b.*\d words/s\s*")


def on_a_terminal(*args: str) -> list[str]:
    """What a terminal shows, as the lines written, stdout and stderr on the same screen."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "nato_digest", *args], stdout=follower, stderr=follower, env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return re.split(r"\r\n|\r|\n", _CONTROL.sub("", b"".join(chunks).decode("utf-8")))


def test_the_bar_counts_articles_and_words_and_stays_off_the_output_lines():
    lines = on_a_terminal("summarize", "--jobs", "1")
    bars = [line for line in lines if "words/s" in line]
    assert bars, "no progress bar drawn"
    assert all(_BAR.fullmatch(line) for line in bars), [line for line in bars if not _BAR.fullmatch(line)][:3]
    assert any(line.startswith("2/2 ") for line in bars)  # articles done of the total
    assert "Jens Stoltenberg: NATO ready to defend all allies" in lines
    assert any(line.startswith("Digest of 2 articles") for line in lines)


def test_a_stream_may_be_a_terminal_only_as_a_tty_or_when_a_variable_forces_one(monkeypatch):
    import io

    from nato_digest.progress import may_be_terminal

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    closed = io.StringIO()
    closed.close()
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert [may_be_terminal(s) for s in (io.StringIO(), closed, None, Tty())] == [False, False, False, True]
    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.setenv(variable, "1")
        assert may_be_terminal(io.StringIO())
        monkeypatch.delenv(variable)
