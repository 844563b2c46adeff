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

# (pattern, canonical title, role); longer, more specific patterns first. An empty title keeps
# the title as written. Patterns are
# case-insensitive and match whole words.
_LEXICON: list[tuple[str, str, str]] = [
    (
        r"(?:chairman|chairwoman|chair|speaker|president) of (?:the )?(?:national assembly|"
        r"parliament|senate|state duma|federation council|majlis|lok sabha|house of representatives)",
        "",
        "SeniorOfficial",
    ),
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
        r"(?:minister|secretary) (?:of|for) (?:foreign|external)(?: and \w+)? affairs"
        r"(?: and (?-i:\p{Lu}[\w-]*)(?: (?-i:\p{Lu}[\w-]*)){0,3})?",
        "Foreign Minister",
        "ForeignMinister",
    ),
    (r"(?:foreign|external) affairs (?:minister|secretary)", "Foreign Minister", "ForeignMinister"),
    (r"foreign minister", "Foreign Minister", "ForeignMinister"),
    (r"foreign secretary", "Foreign Secretary", "ForeignMinister"),
    (r"secretary of state", "Secretary of State", "ForeignMinister"),
    (r"top diplomat", "Foreign Minister", "ForeignMinister"),
    (r"defen[cs]e minister|minister (?:of|for) defen[cs]e", "Defence Minister", "DefenceMinister"),
    (
        r"defen[cs]e secretary|secretary (?:of|for) defen[cs]e",
        "Defence Secretary",
        "DefenceMinister",
    ),
    (r"finance minister|minister (?:of|for) finance", "Finance Minister", "FinanceMinister"),
    (r"treasury secretary|secretary of the treasury", "Treasury Secretary", "FinanceMinister"),
    (r"chancellor of the exchequer", "Chancellor of the Exchequer", "FinanceMinister"),
    (
        r"(?:(?:trade|commerce) minister|minister (?:of|for) (?:industry and )?(?:trade|commerce)"
        r"(?: and industry)?)",
        "Trade Minister",
        "TradeMinister",
    ),
    (
        r"(?:interior minister|minister (?:of|for) (?:the )?interior)",
        "Interior Minister",
        "InteriorMinister",
    ),
    (r"commerce secretary", "Commerce Secretary", "TradeMinister"),
    (r"home minister", "Home Minister", "InteriorMinister"),
    (r"home secretary", "Home Secretary", "InteriorMinister"),
    (r"(?:state|junior) minister", "Minister of State", "DeputyMinister"),
    (
        r"minister of state for (?-i:\p{Lu}[\w-]*)(?: (?:and )?(?-i:\p{Lu}[\w-]*)){0,3}",
        "",
        "DeputyMinister",
    ),
    (r"minister of state", "Minister of State", "DeputyMinister"),
    (
        r"(?:first |deputy |vice[- ])chairman of the (?:cabinet|council) of ministers",
        "",
        "DeputyHeadOfGovernment",
    ),
    (r"chairman of the (?:cabinet|council) of ministers", "", "HeadOfGovernment"),
    (r"vice[- ]chancellor", "Vice-Chancellor", "DeputyHeadOfGovernment"),
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
    (r"national security (?:adviser|advisor)", "", "SeniorOfficial"),
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
        r"(?:minister|secretary) (?:of|for) international relations(?: and cooperation)?",
        "",
        "ForeignMinister",
    ),
    (
        r"(?:minister|secretary) (?:of|for) (?:the )?(?-i:[A-Z])\w+(?: (?:and|of) (?-i:[A-Z])\w+){0,3}",
        "Minister",
        "OtherMinister",
    ),
    (rf"(?:{_PORTFOLIOS})(?: and (?:{_PORTFOLIOS}))? minister", "", "OtherMinister"),
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
            if role == "OtherMinister" or not title:
                return Office(_as_written(text), role)
            return Office(title, role)
    return Office(text, "SeniorOfficial")


def _as_written(text: str) -> str:
    """A title in title case, its small words lower-case ("Minister of State for Trade")."""
    words = [w if w.isupper() else w.capitalize() for w in text.split()]
    small = {"of", "and", "for", "the", "on"}
    return " ".join(w.lower() if i and w.lower() in small else w for i, w in enumerate(words))
