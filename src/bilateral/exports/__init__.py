"""How exports are written: streaming writers, the JSON-LD context, the VoID description, profiles.

:mod:`bilateral.export` is the entry point and holds the one format registry.
"""
