"""Benchmark the stage diagnostic in CPython, and report its held-out accuracy.

    .venv/bin/python bench/diagnostic.py [--repeat N]

The last line is one JSON object: median milliseconds per diagnosis for a full questionnaire and for
a 100-word description, the median time of `json.loads` of the model measured in the same run as a
baseline (so the ratios mean something on any machine), and per-framework top-1 accuracy on the
held-out cases in tests/diagnostic/cases/heldout.yaml.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.diagnostic.helpers

import stage_diagnostic  # noqa: E402

from tests.diagnostic.helpers import accuracy, load_cases  # noqa: E402

DESCRIPTION = (
    "We were matched through the graduate scheme about eight months ago and met every fortnight "
    "at first. It took a few sessions to get comfortable, but now we get on well and trust each "
    "other. We agreed three goals: presenting to senior managers, building a network outside my "
    "team and preparing for a promotion. I practise between sessions and my mentor gives honest "
    "feedback. Lately I set the agenda more often and come with my own ideas, though I still rely "
    "on her advice for the hard decisions. We haven't talked about ending yet; a few of our "
    "meetings have slipped."
)
GOAL_MS = 5.0


def median_ms(call: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        call()
        timings.append(time.perf_counter_ns() - start)
    return statistics.median(timings) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    repeat = parser.parse_args().repeat

    model_json = resources.files("stage_diagnostic").joinpath("model.json").read_text("utf-8")
    model = stage_diagnostic.load_model(model_json)
    answers = {
        question.id: question.options[len(question.options) // 2].id for question in model.questions
    }
    words = len(DESCRIPTION.split())

    baseline = median_ms(lambda: json.loads(model_json), repeat)
    questionnaire = median_ms(lambda: stage_diagnostic.diagnose(model, answers), repeat)
    description = median_ms(lambda: stage_diagnostic.diagnose(model, text=DESCRIPTION), repeat)
    held_out_cases = load_cases("heldout")
    held_out = accuracy(model, held_out_cases["descriptions"] + held_out_cases["personas"])

    print(f"questionnaire ({len(answers)} answers): {questionnaire:.3f} ms (goal < {GOAL_MS} ms)")
    print(f"description ({words} words): {description:.3f} ms (goal < {GOAL_MS} ms)")
    print(f"baseline json.loads of the model ({len(model_json)} characters): {baseline:.3f} ms")
    print(f"held-out accuracy: {held_out.hits}/{held_out.total} framework verdicts")
    print(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "repeat": repeat,
                "questionnaire_ms": round(questionnaire, 4),
                "description_ms": round(description, 4),
                "description_words": words,
                "baseline": "json.loads(model.json)",
                "baseline_ms": round(baseline, 4),
                "questionnaire_ratio": round(questionnaire / baseline, 2),
                "description_ratio": round(description / baseline, 2),
                "goal_ms": GOAL_MS,
                "held_out_accuracy": round(held_out.rate, 4),
                "held_out_verdicts": held_out.total,
            }
        )
    )


if __name__ == "__main__":
    main()
