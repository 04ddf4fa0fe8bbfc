"""Both views: where a mentor's and a mentee's results place the relationship differently."""

from __future__ import annotations

from typing import Any

from .engine import InputError

SUGGESTION = (
    "You see the relationship differently. Talk it through together: say what makes each of you "
    "see it that way, and agree what the next step should be."
)


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The frameworks in which the two results are a stage or more apart."""
    frameworks_a, frameworks_b = _frameworks(a, "a"), _frameworks(b, "b")
    disagreements = []
    for framework_id, result_a in frameworks_a.items():
        result_b = frameworks_b.get(framework_id)
        if result_b is None:
            continue
        order = list(result_a["probabilities"])  # stage ids in the framework's order
        apart = abs(order.index(result_a["stage"]) - order.index(result_b["stage"]))
        if apart >= 1:
            disagreements.append(
                {
                    "framework": framework_id,
                    "name": result_a["name"],
                    "a": {"stage": result_a["stage"], "stage_name": result_a["stage_name"]},
                    "b": {"stage": result_b["stage"], "stage_name": result_b["stage_name"]},
                    "stages_apart": apart,
                }
            )
    return {
        "agree": not disagreements,
        "disagreements": disagreements,
        "suggestion": SUGGESTION if disagreements else None,
    }


def _frameworks(result: Any, which: str) -> dict[str, Any]:
    frameworks = result.get("frameworks") if isinstance(result, dict) else None
    if not isinstance(frameworks, dict) or not all(map(_is_framework_result, frameworks.values())):
        raise InputError(f"result {which} is not a diagnose() result")
    return frameworks


def _is_framework_result(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("probabilities"), dict)
        and value.get("stage") in value["probabilities"]
        and "name" in value
        and "stage_name" in value
    )
