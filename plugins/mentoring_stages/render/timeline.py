"""Geometry of the common timeline: the comparison table's rows and the diagram's boxes.

Both views are computed here from the stage spans, so the table and the diagram always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..content.model import TIMELINE_END, TIMELINE_START, Framework, Stage

# Tones run from early to late on the timeline, so stages that line up share a colour.
TONE_COUNT = 5


def tone(stage: Stage) -> int:
    middle = (stage.span[0] + stage.span[1]) / 2
    return min(TONE_COUNT - 1, int(middle / (TIMELINE_END / TONE_COUNT)))


@dataclass(frozen=True)
class TableCell:
    framework: Framework
    stage: Stage
    rowspan: int


@dataclass(frozen=True)
class TableRow:
    start: int
    end: int
    cells: tuple[TableCell | None, ...]  # None where a cell above spans into this row


def comparison_rows(frameworks: tuple[Framework, ...]) -> list[TableRow]:
    """One row per stretch of timeline between any two stage boundaries, with rowspans."""
    bounds = sorted({TIMELINE_START, TIMELINE_END} | {
        end for framework in frameworks for stage in framework.stages for end in stage.span
    })
    segments = list(pairwise(bounds))
    rows = []
    for start, end in segments:
        cells: list[TableCell | None] = []
        for framework in frameworks:
            stage = next(s for s in framework.stages if s.span[0] <= start < s.span[1])
            if stage.span[0] == start:
                rowspan = sum(1 for a, _ in segments if stage.span[0] <= a < stage.span[1])
                cells.append(TableCell(framework, stage, rowspan))
            else:
                cells.append(None)
        rows.append(TableRow(start, end, tuple(cells)))
    return rows


# Diagram geometry, in SVG user units. The viewBox is fixed; CSS scales it.
WIDTH = 800
LANE_LABEL_HEIGHT = 22
BOX_HEIGHT = 50
LANE_GAP = 14
AXIS_HEIGHT = 46
CHARACTER_WIDTH = 7.4  # of the 13-unit font, for wrapping names inside boxes
LINE_HEIGHT = 15


@dataclass(frozen=True)
class Box:
    stage: Stage
    x: float
    width: float
    tone: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Lane:
    framework: Framework
    y: float
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Diagram:
    width: int
    height: float
    lanes: tuple[Lane, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, timeline position)
    box_height: int
    lane_label_height: int
    line_height: int


def wrap(name: str, width: float) -> tuple[str, ...]:
    """Break a stage name into lines that fit the box, at spaces and after hyphens."""
    per_line = max(4, int((width - 8) / CHARACTER_WIDTH))
    words = name.replace("-", "- ").split()
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and len(lines[-1]) + len(joiner) + len(word) <= per_line:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return tuple(lines[:3]) if len(lines) <= 3 else (*lines[:2], lines[2] + "…")


def diagram(frameworks: tuple[Framework, ...]) -> Diagram:
    scale = WIDTH / (TIMELINE_END - TIMELINE_START)
    lanes = []
    y = float(AXIS_HEIGHT)
    for framework in frameworks:
        boxes = tuple(
            Box(
                stage=stage,
                x=(stage.span[0] - TIMELINE_START) * scale,
                width=stage.length * scale,
                tone=tone(stage),
                lines=wrap(stage.name, stage.length * scale),
            )
            for stage in framework.stages
        )
        lanes.append(Lane(framework, y, boxes))
        y += LANE_LABEL_HEIGHT + BOX_HEIGHT + LANE_GAP
    ticks = tuple(
        ((p - TIMELINE_START) * scale, p) for p in range(TIMELINE_START, TIMELINE_END + 1, 25)
    )
    return Diagram(WIDTH, y, tuple(lanes), ticks, BOX_HEIGHT, LANE_LABEL_HEIGHT, LINE_HEIGHT)
