"""Timing shared by the benchmarks."""

import time


def best_of(runs, function):
    """The shortest of `runs` timings of `function()`, in seconds: the figure least disturbed
    by whatever else the machine was doing."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)
