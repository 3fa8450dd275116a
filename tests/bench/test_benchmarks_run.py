"""`make test` runs every benchmark at a tiny size, so that none of them rots.

Nothing here is about speed: it checks that each benchmark runs to the end, sends
and claims what it should, and writes a number for every ratio.
"""

import re

from bench import run

RATIOS = [
    "dispatch_vs_raw_smtp",
    "dispatch_two_vs_raw_two",
    "burst_20k_vs_raw_smtp",
    "burst_with_clicks_vs_raw_smtp",
    "clicks_p95_burst_vs_idle",
    "claim_1m_vs_10k",
    "dashboard_vs_bare",
    "case_vs_bare",
    "write_vs_bare",
    "dispatcher_rss_10k_vs_1k",
    "resync_100k_vs_10k",
]


def test_every_benchmark_runs_at_a_tiny_size_and_writes_its_ratios(tmp_path):
    out = tmp_path / "RESULTS.md"

    report = run.main(["--tiny", "--out", str(out)])

    text = out.read_text()
    for name in RATIOS:
        match = re.search(rf"^ratio {name}: ([\d.]+) \(spread ([\d.]+)–([\d.]+) over 1 run; goal", text, re.MULTILINE)
        assert match, f"no ratio line for {name}"
        median, low, high = map(float, match.groups())
        assert 0 < low <= median <= high
        assert report.ratios[name] > 0
    assert "cores" in text  # the machine is described
    assert "one-minute load average" in text  # and how busy it was
    assert re.search(r"^burst_lag_p99_s: [\d.]+ ", text, re.MULTILINE)  # the burst's lag, for information
    assert "reminder_pending_due" in text
    assert "| templates rendered |" in text  # the write path's breakdown
    assert str(run.ROOT) not in text  # paths relative to the repository


def test_the_speed_tricks_benchmark_loads_and_can_undo_each_trick_it_names():
    # `python -m bench.tricks` is run by hand (minutes); this catches a broken import or a trick it
    # names that bench/workers.py cannot undo, without running it.
    from bench import tricks

    undone = (run.ROOT / "bench" / "workers.py").read_text()
    assert tricks.TRICKS
    for name in tricks.TRICKS:
        assert f'trick == "{name}"' in undone, name


def test_the_comparison_with_a_past_commit_finds_this_versions_steps_and_says_the_change():
    # `python -m bench.compare REV` is run by hand (minutes): its runner looks for the step functions
    # where this version keeps them, and its table gives each ratio for both versions and the change.
    import inspect

    from bench import compare, dispatch, pages

    compile(compare.RUNNER, "RUNNER", "exec")
    assert "sizes" in inspect.signature(pages.bench_pages).parameters  # the runner's first branch
    assert list(inspect.signature(dispatch.bench_dispatch).parameters) == ["report", "n", "rounds"]
    results = {
        "rev": [{"write_vs_bare": [0.18, 0.19, 0.20]}, {"write_vs_bare": [0.17, 0.18]}],
        "tree": [{"write_vs_bare": [0.20, 0.21, 0.22]}, {"write_vs_bare": [0.21, 0.19, 0.23]}],
    }
    table = compare.table("abc1234", results)
    assert "| write_vs_bare | 0.190, 0.175 | 0.210, 0.210 | +15.1% |" in table
