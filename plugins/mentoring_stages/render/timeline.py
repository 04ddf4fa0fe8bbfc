"""The comparison's two views, computed here so that every page draws them the same way.

- The order view places each framework's stages by where they come in a relationship (early,
  middle, late, after): an order, with no axis that could be read as time.
- The time view draws, on a real axis of months and years, the frameworks whose sources give the
  length of their stages, keeping those lengths' proportions.

A stage has the same colour in both: the colour of the phase it starts in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content.model import PHASES, Framework, Stage


def phase_index(phase: str) -> int:
    return PHASES.index(phase)


def tone(stage: Stage) -> str:
    """The stage's colour, as a class name: the phase it starts in."""
    return f"ms-phase-{stage.phases[0]}"


# -- the order view --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderCell:
    stage: Stage
    first: int  # the first phase it covers, an index into PHASES
    last: int  # the last phase it covers
    row: int  # from 1: stages that share a phase sit one above the other, the earlier on top


@dataclass(frozen=True)
class OrderRow:
    framework: Framework
    cells: tuple[OrderCell, ...]
    rows: int


def order_rows(frameworks: tuple[Framework, ...]) -> list[OrderRow]:
    """Each framework's stages in the phase columns they cover, each on the first row of the
    framework where those columns are still free."""
    result = []
    for framework in frameworks:
        taken: list[set[int]] = []
        cells = []
        for stage in framework.stages:
            first, last = phase_index(stage.phases[0]), phase_index(stage.phases[-1])
            columns = set(range(first, last + 1))
            row = next((i for i, used in enumerate(taken) if not used & columns), len(taken))
            if row == len(taken):
                taken.append(set())
            taken[row] |= columns
            cells.append(OrderCell(stage, first, last, row + 1))
        result.append(OrderRow(framework, tuple(cells), len(taken)))
    return result


# -- the time view ---------------------------------------------------------------------------------

WIDTH = 720  # SVG user units; the figure scrolls sideways on a narrow screen rather than shrink
PAD = 12
AXIS_HEIGHT = 34
LANE_LABEL_HEIGHT = 26
ROW_LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_GAP = 10


@dataclass(frozen=True)
class TimeBar:
    stage: Stage
    start: float  # months after the first meeting: the earliest the stage can begin
    shortest: float | None  # its shortest length in months; None: the source gives none
    longest: float | None  # its longest; None: no end
    x: float
    solid_width: float  # the shortest length, drawn solid
    pale_width: float  # from the shortest to the longest, drawn pale
    open_end: bool  # no end given: drawn as a dashed line to the edge of the axis
    y: float


@dataclass(frozen=True)
class TimeLane:
    framework: Framework
    y: float
    bars: tuple[TimeBar, ...]


@dataclass(frozen=True)
class TimeView:
    width: int
    height: float
    months: float  # the axis runs from 0 to this many months
    ticks: tuple[tuple[float, int], ...]  # (x, years)
    lanes: tuple[TimeLane, ...]
    pad: int
    axis_height: int
    bar_height: int
    row_label_height: int
    lane_label_height: int


def timed(framework: Framework) -> bool:
    """Whether the framework's source gives the length of every stage (the last may be open)."""
    lengths = [stage.duration_months for stage in framework.stages]
    return all(lengths[:-1]) and lengths[0] is not None


def time_view(frameworks: tuple[Framework, ...]) -> TimeView | None:
    """The frameworks with lengths, each stage starting where the shortest lengths of the stages
    before it end: the earliest it can begin."""
    shown = [framework for framework in frameworks if timed(framework)]
    if not shown:
        return None
    spans: list[list[tuple[Stage, float, float | None, float | None]]] = []
    for framework in shown:
        start = 0.0
        stages = []
        for stage in framework.stages:
            shortest, longest = stage.duration_months or (None, None)
            stages.append((stage, start, shortest, longest))
            start += shortest or 0
        spans.append(stages)
    ends = [start + (longest or shortest or 0)
            for stages in spans for _, start, shortest, longest in stages]
    open_ended = any(longest is None for stages in spans for *_, longest in stages)
    years = math.ceil(max(ends) / 12) + (1 if open_ended else 0)
    months = years * 12.0
    scale = (WIDTH - 2 * PAD) / months

    def x(month: float) -> float:
        return round(PAD + month * scale, 1)

    lanes = []
    y = float(AXIS_HEIGHT)
    for framework, stages in zip(shown, spans, strict=True):
        lane_y = y
        y += LANE_LABEL_HEIGHT
        bars = []
        for stage, start, shortest, longest in stages:
            solid = shortest or 0
            pale = (longest - solid) if longest is not None else 0
            bars.append(TimeBar(
                stage, start, shortest, longest, x(start),
                round(solid * scale, 1), round(pale * scale, 1),
                open_end=longest is None, y=y,
            ))
            y += ROW_LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
        lanes.append(TimeLane(framework, lane_y, tuple(bars)))
    ticks = tuple((x(year * 12), year) for year in range(years + 1))
    return TimeView(WIDTH, y, months, ticks, tuple(lanes), PAD, AXIS_HEIGHT, BAR_HEIGHT,
                    ROW_LABEL_HEIGHT, LANE_LABEL_HEIGHT)
