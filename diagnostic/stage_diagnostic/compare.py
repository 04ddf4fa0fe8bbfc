"""Both views: where a mentor's and a mentee's results place the relationship differently."""

from __future__ import annotations

from typing import Any


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The frameworks in which both results name a stage and the stages differ, with how many
    stages apart they are (the order of `probabilities` is the framework's order). Data only:
    the model's `comparison_advice` is what a reader is told when they differ."""
    differences = []
    for framework_id, result_a in a["frameworks"].items():
        result_b = b["frameworks"].get(framework_id)
        if result_b is None or result_a["stage"] is None or result_b["stage"] is None:
            continue
        order = list(result_a["probabilities"])
        apart = abs(order.index(result_a["stage"]) - order.index(result_b["stage"]))
        if apart:
            differences.append(
                {
                    "framework": framework_id,
                    "a": result_a["stage"],
                    "b": result_b["stage"],
                    "stages_apart": apart,
                }
            )
    told = all(r["level"] != "none" for r in (a, b))
    return {"agree": told and not differences, "differences": differences, "partner": b}
