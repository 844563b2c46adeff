"""A timeline drawn on the server as SVG: one lane per kind of item, one mark per dated item.

Past ``MAX_MARKS`` dated items, each lane shows one mark per year instead, sized by how
many items that year holds.

>>> t = layout([Item("2012-10-04", "Talks", "http://x/1", "event")])
>>> t.undated, len(t.marks), t.ticks[0].label
(0, 1, '2012')
>>> many = layout([Item(f"{2000 + n % 5}-01-01", "", f"http://x/{n}", "visit") for n in range(400)])
>>> len(many.marks), many.marks[0].count, many.binned
(5, 80, True)
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

LANES = ("visit", "agreement", "event")
MAX_MARKS = 150
_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


@dataclass(frozen=True)
class Item:
    """Something that happened: its date as the sources give it (day, month or year)."""

    date: str | None
    label: str
    iri: str
    lane: str


@dataclass(frozen=True)
class Mark:
    """An item placed on the drawing."""

    x: float
    y: float
    item: Item
    r: float = 6.0
    count: int = 1


@dataclass(frozen=True)
class Tick:
    """A year on the axis."""

    x: float
    label: str


@dataclass
class Timeline:
    """Everything the SVG template draws, in user units."""

    width: int
    height: int
    axis_y: float
    left: int
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    lanes: list[tuple[float, str]] = field(default_factory=list)
    undated: int = 0
    binned: bool = False
    counts: dict[str, int] = field(default_factory=dict)


def year_fraction(date: str | None) -> float | None:
    """A date as a year with a fraction; month and year dates sit mid-period.

    >>> year_fraction("2012"), year_fraction("2012-07"), year_fraction("bad")
    (2012.5, 2012.5416666666667, None)
    """
    match = _DATE.match(date or "")
    if not match:
        return None
    year, month, day = match.groups()
    if month is None:
        return int(year) + 0.5
    if day is None:
        return int(year) + (int(month) - 0.5) / 12
    return int(year) + (int(month) - 1) / 12 + (int(day) - 0.5) / 365


def layout(items: Iterable[Item], width: int = 760, lane_height: int = 26) -> Timeline:
    """Place items on lanes along a year axis; count those without a usable date."""
    items = list(items)
    lanes = [lane for lane in LANES if any(i.lane == lane for i in items)]
    lanes += sorted({i.lane for i in items} - set(lanes))
    left, right, top = 90, 20, 14
    axis_y = top + lane_height * max(1, len(lanes))
    timeline = Timeline(width, int(axis_y + 30), axis_y, left)
    timeline.lanes = [(top + lane_height * (n + 0.5), lane) for n, lane in enumerate(lanes)]
    dated = [(year_fraction(i.date), i) for i in items]
    timeline.undated = sum(1 for t, _ in dated if t is None)
    for item in items:
        timeline.counts[item.lane] = timeline.counts.get(item.lane, 0) + 1
    times = [t for t, _ in dated if t is not None]
    if not times:
        return timeline
    first, last = int(min(times)), int(max(times)) + 1
    span = last - first
    scale = (width - left - right) / span
    step = max(1, round(span / 10))
    timeline.ticks = [Tick(left + (year - first) * scale, str(year))
                      for year in range(first, last + 1, step)]
    lane_y = dict((lane, y) for y, lane in timeline.lanes)
    if len(times) <= MAX_MARKS:
        timeline.marks = [Mark(round(left + (t - first) * scale, 1), lane_y[i.lane], i)
                          for t, i in dated if t is not None]
        return timeline
    timeline.binned = True
    bins: dict[tuple[str, int], int] = {}
    for t, item in dated:
        if t is not None:
            bins[(item.lane, int(t))] = bins.get((item.lane, int(t)), 0) + 1
    top = max(bins.values())
    for (lane, year), count in sorted(bins.items()):
        noun = lane if count == 1 else lane + "s"
        item = Item(str(year), f"{count} {noun} in {year}", "", lane)
        radius = round(2.5 + 8.5 * math.sqrt(count / top), 1)
        timeline.marks.append(Mark(round(left + (year + 0.5 - first) * scale, 1),
                                   lane_y[lane], item, radius, count))
    return timeline
