"""Trip mentions to visits: one visit per visitor, host and time, with dates, city and status."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import regex

from ..model import Evidence, Official, PartialDate, Status, Visit
from ..reference.gazetteer import state_of_city
from . import status as st
from .places import StateMention, cities_in

_ENDED = regex.compile(
    r"\b(?:concluded|wrapped up|ended|returned|left|departed|wound up|flew (?:home|back))\b",
    regex.I,
)
_SAME_DAY = regex.compile(
    r"\b(?:flew|returned|headed|went|left)[ \t]+(?:home|back)\b[\w ]{0,20}?\b(?:the[ \t]+same[ \t]+"
    r"(?:day|evening|night)|later[ \t]+that[ \t]+(?:day|evening)|hours[ \t]+later)\b",
    regex.I,
)
_PAID = regex.compile(r"\b(?:paid|made|concluded)[ \t]+(?:a|an|his|her|their)\b", regex.I)


_FUTURE = regex.compile(
    r"\b(?:will|shall|is to|are to|to attend|to visit|to travel|expected|due|to pay|to make)\b",
    regex.I,
)


@dataclass
class Sighting:
    """One mention of a trip in one sentence: ``visitor`` indexes the article's officials."""

    visitor: int
    host: str
    city: str | None
    status: Status | None
    dates: list[PartialDate] = field(default_factory=list)
    ends: list[PartialDate] = field(default_factory=list)
    duration: int | None = None
    inviter: str | None = None
    evidence: Evidence | None = None
    arrival: bool = False  # said with "arrived", "flew in", "landed"
    meeting: bool = False  # a meeting held abroad, not a travel word


def merge_sightings(
    found: list[Sighting],
    officials: list[Official],
    published: date | None,
    dateline: StateMention | None,
) -> list[Visit]:
    """One visit per visitor, host and time: dated mentions far apart are separate visits;
    undated ones join the visit dated closest to the publication date."""
    visits = []
    for (visitor, host), group in _group(found).items():
        for cluster in _clusters(group, published):
            visits.append(_visit(cluster, officials[visitor], host, published, dateline))
    return visits


def _group(found: list[Sighting]) -> dict[tuple[int, str], list[Sighting]]:
    groups: dict[tuple[int, str], list[Sighting]] = {}
    for f in found:
        groups.setdefault((f.visitor, f.host), []).append(f)
    return groups


def _clusters(group: list[Sighting], published: date | None) -> list[list[Sighting]]:
    clusters: list[list[Sighting]] = []
    for f in sorted((f for f in group if f.dates), key=lambda f: f.dates[0].value):
        home = next((c for c in clusters if near_dates(c[-1].dates, f.dates)), None)
        if home is None:
            clusters.append([f])
        else:
            home.append(f)
    undated = [f for f in group if not f.dates]
    if undated:
        if not clusters:
            clusters.append(undated)
        else:
            today = (published or date.today()).isoformat()
            closest = min(clusters, key=lambda c: abs(_days(c[0].dates[0].value) - _days(today)))
            closest.extend(undated)
    return clusters


def near_dates(first: list[PartialDate], second: list[PartialDate]) -> bool:
    """Dates that can belong to one trip: within a fortnight, or one contains the other."""
    a, b = first[-1].value, second[0].value
    if a.startswith(b) or b.startswith(a):
        return True
    return abs(_days(a) - _days(b)) <= 14


def _days(value: str) -> int:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).toordinal()


def _visit(
    cluster: list[Sighting],
    official: Official,
    host: str,
    published: date | None,
    dateline: StateMention | None,
) -> Visit:
    dates = sorted({d for f in cluster for d in f.dates}, key=lambda d: (d.value, d.precision))
    dates = [d for d in dates if not any(o.value.startswith(f"{d.value}-") for o in dates)]
    ends = sorted({d for f in cluster for d in f.ends}, key=lambda d: d.value)
    duration = next((f.duration for f in cluster if f.duration), None)
    start = dates[0] if dates else None
    end = ends[-1] if ends else (dates[-1] if len(dates) > 1 and not duration else None)
    if start and end and (end.value <= start.value or len(end.value) < len(start.value)):
        end = None
    if start is None and end is not None and end.precision == "day" and duration:
        first_day = date.fromisoformat(end.value) - timedelta(days=duration - 1)
        start = PartialDate(first_day.isoformat(), "day")
    if start and start.precision == "day" and duration and end is None:
        last_day = date.fromisoformat(start.value) + timedelta(days=duration - 1)
        end = PartialDate(last_day.isoformat(), "day")
    said = " ".join(f.evidence.sentence for f in cluster if f.evidence)
    if start and start.precision == "day" and end is None and _SAME_DAY.search(said):
        end = start  # "who flew home the same evening"
    status = _status(cluster, start, end, duration, published)
    cities = [f.city for f in cluster if f.city]
    capitals = [c for c in cities if state_of_city(c) == host]
    city = (capitals or cities or [None])[0] or _city_in(cluster, host)
    if (
        city is None
        and dateline is not None
        and dateline.iso == host
        and dateline.is_city
        and status in ("ongoing", "completed")
        and (start is None or _recent(start, published))
    ):
        city = dateline.text.title() if dateline.text.isupper() else dateline.text
    inviter = next((f.inviter for f in cluster if f.inviter is not None), None)
    return Visit(
        visitor=official.name,
        visitor_state=official.state,
        host_state=host,
        city=city,
        start=start,
        end=end,
        duration_days=duration,
        inviter=inviter,
        status=status,
        evidence=[f.evidence for f in cluster if f.evidence],
    )


def _status(
    cluster: list[Sighting],
    start: PartialDate | None,
    end: PartialDate | None,
    duration: int | None,
    published: date | None,
) -> Status:
    """Cancelled or postponed if said; else where the dates fall; else the words; else the tense."""
    said = st.merge([f.status for f in cluster])
    if said in ("cancelled", "postponed"):
        return said
    by_dates = st.status_from_dates(start, end, published, duration)
    text = " ".join(f.evidence.sentence for f in cluster if f.evidence)
    if (
        by_dates == "ongoing"
        and said == "completed"
        and end
        and published
        and end.value == published.isoformat()
        and _PAID.search(text)
    ):
        return "completed"  # "paid a state visit ... from 29 to 30 January", dated the 30th
    if (
        by_dates == "ongoing"
        and said == "completed"
        and _ENDED.search(" ".join(f.evidence.sentence for f in cluster if f.evidence))
    ):
        return "completed"
    if all(f.meeting for f in cluster) and said:
        return said  # "met ... in Brasilia on Tuesday": the words say when, not the dates
    if by_dates == "completed" and end is None and not duration and said == "ongoing":
        return said  # only a start date is known, and the words say the trip goes on
    if by_dates == "completed" and _just_arrived(cluster, start, end, duration, published):
        return "ongoing"
    return by_dates or said or _tense(cluster)


def _just_arrived(
    cluster: list[Sighting],
    start: PartialDate | None,
    end: PartialDate | None,
    duration: int | None,
    published: date | None,
) -> bool:
    """A visitor who arrived a day or three ago, with nothing said of leaving, is still there."""
    if start is None or end is not None or duration or published is None:
        return False
    if start.precision != "day" or not any(f.arrival for f in cluster):
        return False
    text = " ".join(f.evidence.sentence for f in cluster if f.evidence)
    return (published - date.fromisoformat(start.value)).days <= 3 and not _ENDED.search(text)


def _tense(cluster: list[Sighting]) -> Status:
    text = " ".join(f.evidence.sentence for f in cluster if f.evidence)
    return "planned" if _FUTURE.search(text) else "completed"


def _city_in(cluster: list[Sighting], host: str) -> str | None:
    """A city of the host state that the visit's sentences place it in ("in New Delhi")."""
    for f in cluster:
        for city in cities_in(f.evidence.sentence) if f.evidence else ():
            if city.iso == host:
                return city.name
    return None


def _recent(start: PartialDate, published: date | None) -> bool:
    if published is None:
        return True
    return abs(_days(start.value) - published.toordinal()) <= 14


def cities_from_article(text: str, visits: list[Visit], published: date | None) -> None:
    """A trip under way with no city takes the host's city the story is set in ("talks in
    New Delhi"), when the story names exactly one."""
    for visit in visits:
        if visit.city or visit.status not in ("ongoing", "completed"):
            continue
        if visit.status == "completed" and (
            visit.start is None or not _recent(visit.start, published)
        ):
            continue
        cities = {
            city.name
            for city in cities_in(text)
            if city.iso == visit.host_state and (city.capital or not visit.city)
        }
        if len(cities) == 1:
            visit.city = cities.pop()
