"""Bilateral: a knowledge base of relations between states, built from diplomatic news."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = f"bilateral-extractor/{__version__}"
