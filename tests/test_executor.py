"""Several processes give exactly the serial output, in input order, reading only a window ahead."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from nato_digest.aggregate import Articles, Corpus
from nato_digest import cli
from nato_digest.cli import app
from nato_digest import executor as executor_module
from nato_digest.executor import SHORT_PER_JOB, WINDOW_PER_JOB, Executor, batched, executor
from nato_digest.load import seed_files

runner = CliRunner()


def seed_pieces(lines_per_article: int = 2) -> list[dict]:
    """The seed articles cut into many small distinct articles (more than a pool's first window)."""
    pieces = []
    for doc, path in seed_files():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for i in range(0, len(lines), lines_per_article):
            pieces.append({"id": f"{doc}#{i}", "text": "\n\n".join(lines[i : i + lines_per_article])})
    return pieces


PIECES = seed_pieces(lines_per_article=1)
SMALL_BATCH = 4
"""Articles per task in both passes here, so that many batches cross between processes."""


def output(*args: str, input: str) -> str:
    result = runner.invoke(app, [*args, "--format", "jsonl", "--jsonl", "-"], input=input)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_the_pieces_are_enough_to_start_a_pool():
    assert len(PIECES) > 2 * WINDOW_PER_JOB
    assert len(PIECES) > 1 + SMALL_BATCH * (2 * SHORT_PER_JOB - 1)  # batches of articles, the first of one
    assert len(PIECES) > 2 * SHORT_PER_JOB * SMALL_BATCH  # the first pass's batches


@pytest.mark.parametrize("command", [["quotes"], ["summarize"], ["summarize", "--corpus"], ["articles"]], ids=" ".join)
def test_two_jobs_print_byte_for_byte_what_one_job_prints(command, monkeypatch):
    monkeypatch.setattr(cli, "SURVEY_BATCH", SMALL_BATCH)  # so that summarize's first pass starts a pool too
    monkeypatch.setattr(cli, "TALLY_BATCH", SMALL_BATCH)
    lines = [json.dumps(piece) for piece in PIECES]
    lines.insert(7, "{not json")  # a skipped line's record keeps its place in `articles`
    stdin = "\n".join(lines) + "\n"
    serial = output(*command, "--jobs", "1", input=stdin)
    assert serial.count("\n") >= 5  # the digest: five lines
    assert output(*command, "--jobs", "2", input=stdin) == serial


def test_results_come_in_input_order_and_the_reader_stays_a_window_ahead():
    read = []

    def items():
        for i in range(100):
            read.append(i)
            yield i

    pool = Executor(jobs=2)
    results = []
    for result in pool.map(abs, items()):
        results.append(result)
        assert len(read) - len(results) <= 2 * WINDOW_PER_JOB  # read, less handed back: the window
    assert results == list(range(100))


def test_batches_can_start_with_a_shorter_one():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched(range(7), 3, first=1)) == [[0], [1, 2, 3], [4, 5, 6]]
    assert list(batched([], 3, first=1)) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_here(jobs):
    calls = []
    results = Executor(jobs=jobs).map(abs, range(-40, 0), per_job=4, meanwhile=lambda: calls.append(len(calls)))
    assert list(results) == list(range(40, 0, -1))
    assert calls == [0]


def test_a_short_stream_is_run_in_this_process():
    seen = []
    assert list(Executor(jobs=2).map(seen.append, range(3))) == [None] * 3
    assert seen == [0, 1, 2]  # appended here: no pool was started


def test_a_scheduler_in_the_environment_is_used(monkeypatch):
    monkeypatch.setenv("NATO_DIGEST_SCHEDULER", "tcp://127.0.0.1:8786")
    assert executor(2).scheduler == "tcp://127.0.0.1:8786"
    assert executor(3, "tcp://other:1").scheduler == "tcp://other:1"
    monkeypatch.delenv("NATO_DIGEST_SCHEDULER")
    assert executor(None).jobs >= 1 and executor(None).scheduler is None


def test_a_dask_cluster_of_two_worker_processes_prints_what_one_process_prints():
    distributed = pytest.importorskip("distributed")
    stdin = "\n".join(json.dumps(piece) for piece in PIECES) + "\n"
    commands = [["actors"], ["quotes"], ["summarize", "--corpus"]]  # partial tables merged; analyses sent back; both passes
    serial = [output(*command, "--jobs", "1", input=stdin) for command in commands]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        clustered = [output(*command, "--scheduler", cluster.scheduler_address, input=stdin) for command in commands]
    assert clustered == serial
    assert all(text.count("\n") > 3 for text in serial)


def counted(*shares: list) -> list[Corpus]:
    """One Corpus per share of the analyses."""
    tables = []
    for share in shares:
        corpus = Corpus()
        for analysis in share:
            corpus.add(analysis)
        tables.append(corpus)
    return tables


def test_partial_corpus_tables_merge_in_any_grouping(seed_analyses):
    analyses = [*seed_analyses.values(), *seed_analyses.values()]
    whole = counted(analyses)[0]
    shares = (analyses[:1], analyses[1:3], analyses[3:])
    left = counted(*shares)
    right = counted(*shares)
    for merged in (left[0].merge(left[1]).merge(left[2]), right[0].merge(right[1].merge(right[2]))):
        assert merged.actors() == whole.actors()
        assert merged.countries() == whole.countries()
        assert merged.digest(5) == whole.digest(5)
        assert merged.articles == 4
    single = counted(analyses[:2])[0].actors()
    assert [(r["name"], 2 * r["mentions"]) for r in single] == [(r["name"], r["mentions"]) for r in whole.actors()]


def test_an_unreachable_scheduler_is_one_line_not_a_traceback(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(executor_module, "CONNECT_SECONDS", 1)
    stdin = "\n".join(json.dumps(piece) for piece in PIECES) + "\n"
    result = runner.invoke(app, ["quotes", "--jsonl", "-", "--scheduler", "tcp://127.0.0.1:9"], input=stdin)
    assert result.exit_code != 0
    assert "no Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


@given(st.lists(st.sets(st.integers(0, 40)), min_size=1, max_size=4), st.integers(0, 40))
def test_document_counts_join_exactly_however_numbered(numbers, offset):
    """A row's articles are counted once each, whether its rows are joined (one person's names)
    or come from a corpus counted later (numbers shifted)."""
    joined = Articles()
    for share in numbers:
        rows = Articles()
        for number in sorted(share):
            rows.add(number)
            rows.add(number)  # an article names the row twice: counted once
        joined.update(rows, offset)
    assert len(joined) == len({n + offset for share in numbers for n in share})


@pytest.fixture
def collector_off():
    """The collector off, as cli.main starts a run; on again after the test whatever it did."""
    gc.disable()
    yield
    gc.enable()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_here_turns_the_collector_on_after_its_first_item(jobs, collector_off):
    on: list[bool] = []

    def item(n: int) -> int:
        on.append(gc.isenabled())
        return n

    assert list(Executor(jobs=jobs).map(item, [1, 2])) == [1, 2]  # two items for two jobs: run here
    assert on == [False, True] and gc.isenabled()


def test_what_meanwhile_loads_it_loads_with_the_collector_off_then_on(collector_off):
    gc.enable()
    on: list[bool] = []
    assert list(Executor(jobs=1).map(str, [1], meanwhile=lambda: on.append(gc.isenabled()))) == ["1"]
    assert on == [False] and gc.isenabled()


def test_the_command_starts_with_the_collector_off():
    code = "import gc, nato_digest.cli as cli; cli.app = lambda: print(gc.isenabled()); cli.main()"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
