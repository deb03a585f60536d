"""Titles data compiled for matching, and the titles of a document found once for every title rule.

One module per concern:

- :mod:`.words` — how a title is written: its key (``foreign minister``), plural, capitals;
- :mod:`.data` — the titles data (``rules/titles/en.yaml``) compiled once per run;
- :mod:`.occurrences` — the titles of one document, before a name or standing alone;
- :mod:`.genre` — transcripts and reproduced social-media posts, whose forms are not the house's;
- :mod:`.countries` — formal country names missing their ``of`` (``the Republic Türkiye``);
- :mod:`.acronyms` — acronyms defined in brackets after their expansion.

The names below are importable from here, as they were from the single module this package
replaces.
"""

from __future__ import annotations

from pressqa.analysis.titles.acronyms import acronym_definitions
from pressqa.analysis.titles.countries import FORMAL_HEADS, formal_name_parts, garbled_country_names
from pressqa.analysis.titles.data import TitleData, compiled
from pressqa.analysis.titles.genre import is_transcript, social_posts
from pressqa.analysis.titles.occurrences import DocTitles, Occurrence, find_titles
from pressqa.analysis.titles.words import capitalize_title, is_plural, singular, title_key

__all__ = [
    "FORMAL_HEADS",
    "DocTitles",
    "Occurrence",
    "TitleData",
    "acronym_definitions",
    "capitalize_title",
    "compiled",
    "find_titles",
    "formal_name_parts",
    "garbled_country_names",
    "is_plural",
    "is_transcript",
    "singular",
    "social_posts",
    "title_key",
]
