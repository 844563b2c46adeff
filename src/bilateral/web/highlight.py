"""An article's text with its evidence spans marked, every piece of text escaped.

>>> str(highlight("a <b> c", [Span(2, 5, "ev-1", "x & y")]).html)
'a <span id="ev-1"></span><mark title="x &amp; y">&lt;b&gt;</mark> c'
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One evidence span: character offsets into the text, an anchor id, a note."""

    start: int
    end: int
    anchor: str
    note: str = ""


@dataclass
class Highlighted:
    """The marked-up text, and the spans that could not be placed (outside the text)."""

    html: Markup
    placed: list[Span] = field(default_factory=list)
    misplaced: list[Span] = field(default_factory=list)


def highlight(text: str, spans: list[Span]) -> Highlighted:
    """Wrap each span (overlapping ones merged) in ``<mark>``; escape all text."""
    placed = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, s.end)
    )
    misplaced = [s for s in spans if s not in placed]
    merged: list[list] = []
    for span in placed:
        if merged and span.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
            merged[-1][2].append(span)
        else:
            merged.append([span.start, span.end, [span]])
    parts, position = [], 0
    for start, end, group in merged:
        parts.append(escape(text[position:start]))
        parts.extend(Markup('<span id="{}"></span>').format(s.anchor) for s in group)
        notes = "; ".join(dict.fromkeys(s.note for s in group if s.note))
        parts.append(Markup('<mark title="{}">{}</mark>').format(notes, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return Highlighted(Markup("").join(parts), placed, misplaced)
