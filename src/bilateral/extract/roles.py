"""The lexicon of offices: how news writes a title, and which role concept it denotes."""

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Office:
    """An office as written (``title``) and its role concept in the RoleScheme."""

    title: str
    role: str


_PORTFOLIOS = (
    "energy|oil|petroleum|health|education|agriculture|railways?|transport|economy|economic affairs|"
    "industry|culture|tourism|justice|labou?r|water|power|planning|information|communications?|"
    "environment|climate|science|technology|mines|mining|fisheries|investment|development|"
    "infrastructure|foreign trade|maritime|aviation|agriculture|food|housing|youth|sports?"
)

# (pattern, canonical title, role); longer, more specific patterns first. Patterns are
# case-insensitive and match whole words.
_LEXICON: list[tuple[str, str, str]] = [
    (r"deputy prime minister", "Deputy Prime Minister", "DeputyHeadOfGovernment"),
    (r"first deputy prime minister", "First Deputy Prime Minister", "DeputyHeadOfGovernment"),
    (r"vice[- ]premier", "Vice Premier", "DeputyHeadOfGovernment"),
    (r"(?:deputy|vice) foreign minister", "Deputy Foreign Minister", "DeputyMinister"),
    (
        r"(?:deputy|vice) minister (?:of|for) foreign affairs",
        "Deputy Foreign Minister",
        "DeputyMinister",
    ),
    (
        r"(?:minister|secretary) (?:of|for) (?:foreign|external) affairs(?: and [\w ]{3,30}?(?=\W))?",
        "Foreign Minister",
        "ForeignMinister",
    ),
    (r"(?:foreign|external) affairs (?:minister|secretary)", "Foreign Minister", "ForeignMinister"),
    (r"foreign minister", "Foreign Minister", "ForeignMinister"),
    (r"foreign secretary", "Foreign Secretary", "ForeignMinister"),
    (r"secretary of state", "Secretary of State", "ForeignMinister"),
    (r"top diplomat", "Foreign Minister", "ForeignMinister"),
    (
        r"(?:defen[cs]e (?:minister|secretary)|(?:minister|secretary) (?:of|for) defen[cs]e)",
        "Defence Minister",
        "DefenceMinister",
    ),
    (
        r"(?:finance minister|minister (?:of|for) finance|treasury secretary|"
        r"chancellor of the exchequer)",
        "Finance Minister",
        "FinanceMinister",
    ),
    (
        r"(?:(?:trade|commerce) minister|minister (?:of|for) (?:industry and )?(?:trade|commerce)"
        r"(?: and industry)?|commerce secretary)",
        "Trade Minister",
        "TradeMinister",
    ),
    (
        r"(?:interior minister|minister (?:of|for) (?:the )?interior|home minister|home secretary)",
        "Interior Minister",
        "InteriorMinister",
    ),
    (r"(?:state|junior) minister", "Minister of State", "DeputyMinister"),
    (r"minister of state", "Minister of State", "DeputyMinister"),
    (r"prime minister", "Prime Minister", "HeadOfGovernment"),
    (r"premier", "Premier", "HeadOfGovernment"),
    (r"federal chancellor|chancellor", "Chancellor", "HeadOfGovernment"),
    (r"vice[- ]president", "Vice President", "SeniorOfficial"),
    (r"president", "President", "HeadOfState"),
    (r"crown prince", "Crown Prince", "SeniorOfficial"),
    (r"king", "King", "HeadOfState"),
    (r"queen", "Queen", "HeadOfState"),
    (r"emir|amir", "Emir", "HeadOfState"),
    (r"sultan", "Sultan", "HeadOfState"),
    (r"state councill?or", "State Councillor", "SeniorOfficial"),
    (r"national security (?:adviser|advisor)", "National Security Adviser", "SeniorOfficial"),
    (r"chief of (?:the )?army staff", "Chief of Army Staff", "MilitaryChief"),
    (r"army chief", "Army Chief", "MilitaryChief"),
    (
        r"chief of (?:the )?(?:general|defen[cs]e|naval|air) staff",
        "Chief of General Staff",
        "MilitaryChief",
    ),
    (
        r"chairman of the joint chiefs of staff(?: committee)?",
        "Chairman of the Joint Chiefs of Staff",
        "MilitaryChief",
    ),
    (r"(?:navy|naval|air force) chief", "Service Chief", "MilitaryChief"),
    (r"special envoy|special representative|envoy", "Envoy", "Envoy"),
    (r"high commissioner", "High Commissioner", "Ambassador"),
    (r"ambassador", "Ambassador", "Ambassador"),
    (r"spokes(?:person|man|woman)", "Spokesperson", "Spokesperson"),
    (r"counterpart", "Counterpart", "Counterpart"),
    (
        r"(?:minister|secretary) (?:of|for) (?:the )?(?-i:[A-Z])\w+(?: (?:and|of) (?-i:[A-Z])\w+){0,3}",
        "Minister",
        "OtherMinister",
    ),
    (rf"(?:{_PORTFOLIOS})(?: and (?:{_PORTFOLIOS}))? minister", "Minister", "OtherMinister"),
]

TITLE_PATTERN = "|".join(f"(?:{p})" for p, _, _ in _LEXICON)
_COMPILED = [(regex.compile(rf"(?i:{p})\Z"), t, r) for p, t, r in _LEXICON]


def classify(title_text: str) -> Office:
    """The office a title denotes.

    >>> classify("Minister of Foreign Affairs")
    Office(title='Foreign Minister', role='ForeignMinister')
    >>> classify("Chief of Army Staff").role
    'MilitaryChief'
    >>> classify("Minister of Railways")
    Office(title='Minister of Railways', role='OtherMinister')
    """
    text = " ".join(title_text.split())
    for pattern, title, role in _COMPILED:
        if pattern.match(text):
            if role == "OtherMinister":
                return Office(text.title().replace(" Of ", " of ").replace(" And ", " and "), role)
            return Office(title, role)
    return Office(text, "SeniorOfficial")
