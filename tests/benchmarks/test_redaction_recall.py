"""The audio benchmark for redaction suggestions runs, so it cannot rot.

It transcribes two of the tune half's recordings (one per language) with the real default engine
and prints its tables. Nothing here asserts a recall: the figures are the benchmark's to report
(docs/performance.md), and a test tuned to them would be a test on the tuning data.
"""

from .conftest import run_benchmark


def test_the_benchmark_transcribes_scores_and_prints_both_languages():
    run = run_benchmark(
        "benchmarks/redaction_recall.py", "--half", "tune", "--limit", "2", timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "half: tune, 2 recordings" in run.stdout
    for language in ("en", "es"):
        assert any(
            line.startswith(f"{language}       precision") for line in run.stdout.splitlines()
        )


def test_the_report_half_keeps_its_misses_to_itself():
    run = run_benchmark(
        "benchmarks/redaction_recall.py", "--half", "report", "--misses", timeout=120
    )
    assert run.returncode == 2
    assert "tune on --half tune" in run.stderr
