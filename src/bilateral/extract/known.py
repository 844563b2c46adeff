"""Well-known officials from the reference list: their state and post when the text omits them,
and their untitled mentions ("Xi Jinping arrived ...")."""

from functools import lru_cache

import regex

from ..model import Evidence, Official
from ..reference.gazetteer import ascii_fold
from ..reference.officials import KnownOfficial, find_official, load_officials, post_in
from .nlp import Sentence


def complete(official: Official, year: int | None) -> None:
    """Fill an official's missing state and vague post from the reference list."""
    known = find_official(official.name, year=year, state=official.state)
    if known is None:
        return
    official.state = official.state or known.state
    if official.state != known.state:
        return
    official.canonical, official.wikidata = known.name, known.wikidata
    post = post_in(known, year) if year else None
    if post is not None and official.role in (None, "SeniorOfficial", "Counterpart"):
        official.role, official.title = post.role, post.title


def untitled(
    text: str, sentences: list[Sentence], year: int | None, taken: list[tuple[int, int]]
) -> list[tuple[int, int, Official]]:
    """Full names of officials in office that year, where no title introduced them."""
    if year is None:
        return []
    found = []
    for match in _matcher().finditer(text):
        if any(s <= match.start() < e or match.start() <= s < match.end() for s, e in taken):
            continue
        known = _by_form()[match.group()]
        sentence = next((s for s in sentences if s.start <= match.start() < s.end), None)
        post = post_in(known, year)
        for said in _YEAR.findall(sentence.text if sentence and post is None else ""):
            post = post or post_in(known, int(said))  # "Li Keqiang visited Sydney in March 2017"
        if post is None:
            continue
        evidence = [Evidence(sentence.text, sentence.start, sentence.end, 0.7)] if sentence else []
        official = Official(
            match.group(), known.state, post.role, post.title, evidence, known.name, known.wikidata
        )
        found.append((match.start(), match.end(), official))
    return found


_YEAR = regex.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


@lru_cache(maxsize=1)
def _by_form() -> dict[str, KnownOfficial]:
    forms: dict[str, KnownOfficial | None] = {}
    for known in load_officials():
        for form in (known.name, *known.aliases):
            if len(form.split()) < 2:
                continue
            for variant in {form, ascii_fold(form)}:
                forms[variant] = None if variant in forms and forms[variant] is not known else known
    return {form: known for form, known in forms.items() if known is not None}


@lru_cache(maxsize=1)
def _matcher() -> regex.Pattern[str]:
    names = sorted(_by_form(), key=len, reverse=True)
    return regex.compile(
        r"(?<![\w-])(?:" + "|".join(regex.escape(n) for n in names) + r")(?![\w-])"
    )
