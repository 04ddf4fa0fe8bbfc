"""Where on the common relationship timeline (0..100) the pair probably is, as a probability spread.

The timeline is cut into equal bins, which start out as likely as every framework's stages being
equally likely makes them. Every answer is weighed by how much each bin favours it compared with the
question's other answers (a naive Bayes reading of the questionnaire), so an answer that points
nowhere still says something: "meetings are rarely missed" makes the bins where they are often
missed for a reason less likely.

The same answers must give the same digits in CPython and in Pyodide (another Python version,
another libm), so this module uses only + - * / and math.fsum: no exp or pow, whose last bits
differ between C libraries, and no built-in sum of floats, whose rounding changed in Python 3.12.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .bounds import TIMELINE_END, TIMELINE_START

if TYPE_CHECKING:
    from .model import Evidence, Option, Question

BIN_WIDTH = 5.0
BIN_COUNT = round((TIMELINE_END - TIMELINE_START) / BIN_WIDTH)
# Evidence of weight w makes the bins inside its span 1 + BOOST * w times as likely.
BOOST = 2.0
# How much time together weighs, and how far either side of its position it reaches: time says
# less than what the pair does (a year can be early or late), so it is soft.
DURATION_WEIGHT = 3.0
DURATION_REACH = 20.0

Bins = list[float]


def uniform() -> Bins:
    return [1.0 / BIN_COUNT] * BIN_COUNT


def stage_prior(frameworks: Sequence[Sequence[tuple[float, float]]]) -> Bins:
    """Where a pair is before any answer: in each framework every stage equally likely (a stage's
    share spread evenly over its span), averaged over the frameworks. A uniform timeline would make
    a long stage, such as progress-making, the answer whenever little is known."""
    density = [0.0] * BIN_COUNT
    for stages in frameworks:
        for start, end in stages:
            for i in range(BIN_COUNT):
                density[i] += overlap(i, start, end) * BIN_WIDTH / (end - start) / len(stages)
    total = math.fsum(density)
    return [value / total for value in density]


def centre(i: int) -> float:
    return TIMELINE_START + BIN_WIDTH * (i + 0.5)


def overlap(i: int, start: float, end: float) -> float:
    low = TIMELINE_START + BIN_WIDTH * i
    return max(0.0, min(end, low + BIN_WIDTH) - max(start, low)) / BIN_WIDTH


def factors(evidence: Sequence[Evidence]) -> Bins:
    """How much more likely each bin makes this evidence, before comparing with other answers."""
    result = [1.0] * BIN_COUNT
    for item in evidence:
        for i in range(BIN_COUNT):
            result[i] *= 1.0 + BOOST * item.weight * overlap(i, item.start, item.end)
    return result


def duration_factors(position: float) -> Bins:
    """A smooth bump centred on the position the time together maps to, falling to nothing
    DURATION_REACH either side (the biweight curve: (1 - d²)², arithmetic only)."""
    result = []
    for i in range(BIN_COUNT):
        distance = (centre(i) - position) / DURATION_REACH
        closeness = max(0.0, 1.0 - distance * distance)
        result.append(1.0 + DURATION_WEIGHT * closeness * closeness)
    return result


def likelihoods(question: Question, scale: Sequence[tuple[float, float]]) -> dict[str, Bins]:
    """For each option, how much a pair in each bin favours it: its factors divided by the square
    root of the sum of all the question's options' factors in that bin. Dividing by the whole sum
    would be the textbook likelihood; it lets options that share a stage (three goal answers point
    at direction-setting) water each other down, and measured on the tuning corpus the square root
    reads the answers better. (sqrt is exact in every libm, unlike pow.)"""
    raw = {option.id: _option_factors(option, scale) for option in question.options}
    totals = [math.fsum(values[i] for values in raw.values()) for i in range(BIN_COUNT)]
    return {
        option_id: [value / math.sqrt(total) for value, total in zip(values, totals, strict=True)]
        for option_id, values in raw.items()
    }


def _option_factors(option: Option, scale: Sequence[tuple[float, float]]) -> Bins:
    result = factors(option.evidence)
    if option.months is not None:
        bump = duration_factors(position_for(option.months.middle, scale))
        result = [a * b for a, b in zip(result, bump, strict=True)]
    return result


def multiply(bins: Bins, by: Sequence[float]) -> Bins:
    weighted = [p * factor for p, factor in zip(bins, by, strict=True)]
    total = math.fsum(weighted)
    return [p / total for p in weighted]


def mass(bins: Bins, start: float, end: float) -> float:
    """The probability that the pair is between start and end (bins cut by the span count in
    proportion to the part inside)."""
    return math.fsum(p * overlap(i, start, end) for i, p in enumerate(bins))


def running_sums(bins: Bins) -> Bins:
    """running[i] is the probability of the first i bins: masses from it cost two lookups."""
    running = [0.0]
    for p in bins:
        running.append(running[-1] + p)
    return running


def cumulative(running: Sequence[float], position: float) -> float:
    """The probability below `position`, from the running sums of the bins (running[i] is the sum
    of the first i bins)."""
    index = (position - TIMELINE_START) / BIN_WIDTH
    whole = min(int(index), BIN_COUNT)
    if whole >= BIN_COUNT:
        return running[BIN_COUNT]
    return running[whole] + (index - whole) * (running[whole + 1] - running[whole])


def mean(bins: Bins) -> float:
    return math.fsum(p * centre(i) for i, p in enumerate(bins))


def quantile(bins: Bins, fraction: float) -> float:
    """The position below which `fraction` of the probability lies (linear within a bin)."""
    below = 0.0
    for i, p in enumerate(bins):
        if below + p >= fraction and p > 0:
            return TIMELINE_START + BIN_WIDTH * (i + (fraction - below) / p)
        below += p
    return TIMELINE_END


def position_for(months: float, scale: Sequence[tuple[float, float]]) -> float:
    """Months together mapped onto the timeline by the model's piecewise-linear duration scale."""
    if months <= scale[0][0]:
        return scale[0][1]
    for (m0, p0), (m1, p1) in itertools.pairwise(scale):
        if months <= m1:
            return p0 + (p1 - p0) * (months - m0) / (m1 - m0)
    return scale[-1][1]
