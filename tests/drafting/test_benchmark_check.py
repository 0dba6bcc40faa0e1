"""`benchmarks/run.py --check` holds each figure to its goal in benchmarks/thresholds.toml
(checked here on made-up figures: the benchmarks themselves are not part of the suite)."""

from __future__ import annotations

import importlib.util
import json
import re

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
assert spec and spec.loader
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)


def figure(median, ratio=None, unit="s"):
    return {"median": median, "unit": unit, "baseline": None, "ratio": ratio}


GOALS = {"render_example_docx": {"median": 0.15, "ratio": 1.5}, "print_7_pages": {"median": 2.0}}


def test_figures_within_their_goals_pass(tmp_path, capsys):
    figures = tmp_path / "figures.json"
    met = {"render_example_docx": figure(0.03, 1.1), "print_7_pages": figure(0.5)}
    figures.write_text(json.dumps(met | {"no_goal": figure(99.0)}))
    assert run.misses(met, GOALS) == []
    assert run.main(["--check", "--figures", str(figures)]) == 0
    assert "goals met" in capsys.readouterr().err


def test_a_figure_over_its_goal_is_named_and_fails_the_run(tmp_path, capsys):
    slow = {"render_example_docx": figure(0.03, 1.9), "print_7_pages": figure(2.5)}
    assert run.misses(slow, GOALS) == [
        "render_example_docx: ratio 1.9 s > 1.5",
        "print_7_pages: median 2.5 s > 2.0",
    ]
    figures = tmp_path / "figures.json"
    figures.write_text(json.dumps({"print_7_pages": figure(2.5)}))
    assert run.main(["--check", "--figures", str(figures)]) == 1
    assert "MISSED print_7_pages: median 2.5 s > 2.0" in capsys.readouterr().err


def test_a_figure_not_measured_is_not_checked():
    assert run.misses({"print_7_pages": figure(0.1)}, GOALS) == []


def test_every_goal_names_a_figure_the_benchmarks_make():
    source = (ROOT / "benchmarks" / "run.py").read_text(encoding="utf-8")
    made = set(run.BENCHMARKS) | set(re.findall(r'"([a-z0-9_]+)": (?:figure|\{)', source))
    made |= {f"minutes_per_item_at_{n}" for n in (10, 50, 100)}  # made in a loop
    goals = run.thresholds()
    assert set(goals) <= made, set(goals) - made
    assert all(set(goal) <= {"median", "ratio"} for goal in goals.values())
