"""The diarization benchmark runs, so it cannot rot: two of its recordings, transcribed by the
real default engine and diarized by the real encoder, scored and printed. The figures are the
benchmark's to report (docs/performance.md), not this test's to pin."""

from .conftest import run_benchmark


def test_the_benchmark_scores_both_ours_and_the_baseline():
    run = run_benchmark("benchmarks/diarization.py", "--limit", "2", timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "2-voice recordings, all speech pooled: DER" in run.stdout
    assert "× real time" in run.stdout
    rows = [line for line in run.stdout.splitlines() if line.startswith(("en-us-f", "en-gb-f"))]
    assert len(rows) == 2
