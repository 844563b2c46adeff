"""Plain dataclasses at the stage boundaries: Article in, facts out. No RDF here."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Status = Literal["planned", "ongoing", "completed", "postponed", "cancelled"]
Precision = Literal["day", "month", "year"]
AgreementKind = Literal["mou", "treaty", "contract", "declaration", "agreement"]
EventKind = Literal["meeting", "talks", "summit", "commission"]


@dataclass(frozen=True)
class Article:
    """One news article, cleaned; ``id`` is stable across re-ingests of the same source."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year: ``value`` is ISO (2012-10-04, 2012-02, 2012).

    >>> PartialDate("2012-02", "month").value
    '2012-02'
    """

    value: str
    precision: Precision


@dataclass(frozen=True)
class Evidence:
    """Where in the article's text a fact is stated."""

    sentence: str
    start: int
    end: int
    confidence: float = 0.8


@dataclass
class Official:
    """A person holding a state office, as one article names them."""

    name: str
    state: str | None = None
    role: str | None = None  # a RoleScheme concept name, e.g. "ForeignMinister"
    title: str | None = None  # the office as written, e.g. "Foreign Minister"
    evidence: list[Evidence] = field(default_factory=list)
    canonical: str | None = None  # the full name in the reference list of known officials
    wikidata: str | None = None  # the Wikidata item, where the reference list knows it

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Visit:
    """One trip by one lead official to another state."""

    visitor: str  # the visiting Official's name as in ``Extraction.officials``
    visitor_state: str | None
    host_state: str
    city: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    duration_days: int | None = None
    inviter: str | None = None
    status: Status | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Event:
    """A meeting, talks, a summit or a commission session, with every participating state."""

    kind: EventKind
    name: str
    states: list[str] = field(default_factory=list)
    city: str | None = None
    date: PartialDate | None = None
    status: Status | None = None
    ordinal: int | None = None
    participants: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Agreement:
    """One signed instrument, or a batch the text counts without naming (``count``)."""

    kind: AgreementKind
    parties: list[str] = field(default_factory=list)  # ISO codes
    organizations: list[str] = field(default_factory=list)  # organisation names as parties
    topic: str | None = None
    signed: PartialDate | None = None
    event: str | None = None  # the name of the Event it was signed at
    count: int | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Organization:
    """A ministry, state enterprise or company named in the article."""

    name: str
    state: str | None = None
    kind: Literal["ministry", "enterprise", "company", "organization"] = "organization"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything one article says, ready for mapping to RDF."""

    article: Article
    states: list[str] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
