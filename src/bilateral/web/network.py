"""A state's partners drawn on the server: the state in the middle, partners on a circle.

An edge's width grows with the visits, agreements and events the two share; each partner
links to the page of the relation (or of the partner when no relation resource exists).

>>> n = layout("Russia", "/rus", [Spoke("China", "/rel", 5, 3, 1, 1)])
>>> len(n.spokes), n.spokes[0].width > 1, n.more
(1, True, 0)
"""

import math
from dataclasses import dataclass, field

MAX_SPOKES = 16


@dataclass
class Spoke:
    """One partner: its name, where it links, and what it shares with the centre."""

    label: str
    href: str
    total: int
    visits: int = 0
    agreements: int = 0
    events: int = 0
    x: float = 0.0
    y: float = 0.0
    width: float = 1.0
    anchor: str = "middle"
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass
class Network:
    """Everything the SVG template draws, in user units."""

    size: int
    width: int
    centre: tuple[float, float]
    label: str
    href: str
    spokes: list[Spoke] = field(default_factory=list)
    more: int = 0


def layout(label: str, href: str, spokes: list[Spoke], size: int = 360) -> Network:
    """Place the busiest partners clockwise from the top, busiest first."""
    ranked = sorted(spokes, key=lambda s: (-s.total, s.label))
    shown = ranked[:MAX_SPOKES]
    margin = 110  # room for partner names left and right
    c = size / 2
    radius = size / 2 - 40
    network = Network(size, size + 2 * margin, (c + margin, c), label, href, shown,
                      len(ranked) - len(shown))
    top = max((s.total for s in shown), default=1) or 1
    for n, spoke in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * n / max(1, len(shown))
        spoke.x = round(c + margin + radius * math.cos(angle), 1)
        spoke.y = round(c + radius * math.sin(angle), 1)
        spoke.width = round(1 + 9 * math.sqrt(spoke.total / top), 1)
        spoke.label_x = round(c + margin + (radius + 14) * math.cos(angle), 1)
        spoke.label_y = round(c + (radius + 14) * math.sin(angle) + 4, 1)
        cos = math.cos(angle)
        spoke.anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        if spoke.anchor == "middle":
            spoke.label_y += 8 if math.sin(angle) > 0 else -6
    return network
