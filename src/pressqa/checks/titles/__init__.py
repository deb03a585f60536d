"""Titles and country forms used inconsistently within one release: one detector per module.

* :mod:`.title_case` -- a formal title capitalized in one place and lowercase in another;
* :mod:`.person_title` -- one person given two different offices;
* :mod:`.office_form` -- one office in a long and a short form, a doubled or abbreviated title;
* :mod:`.country_form` -- a country or organisation abbreviated two ways, a garbled formal name.

They share the titles data (``rules/titles/en.yaml``), loaded here once per rule, and the
titles of a document found once (:mod:`pressqa.analysis.titles`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressqa.checks import Check
from pressqa.checks.options import DATA_FILES, option, options
from pressqa.packs.housedata import TITLES_PROPERTIES

if TYPE_CHECKING:
    from pressqa.analysis.titles import TitleData


def lines_text(lines: list[int], limit: int = 6) -> str:
    """``line 3`` or ``lines 3, 15, 21`` (at most *limit* numbers, then ``...``)."""
    unique = sorted(set(lines))
    shown = [str(n) for n in unique[:limit]]
    if len(unique) > limit:
        shown.append("...")
    return ("line " if len(shown) == 1 else "lines ") + ", ".join(shown)


class TitlesCheck(Check):
    """Base of the title rules: loads the titles data (files, then inline additions)."""

    # The name analysis (shared with name-variant), the titles found per titles data and the
    # acronyms a release defines: functions of the document (and the data), forgotten after the
    # last name or title rule of a run.
    memos = ("mentions", "titles:", "acronym-definitions")

    @options
    class Options:
        titles_files: list[str] = option(
            ["titles/en.yaml"],
            "titles data (YAML): relative to the pack or config, or shipped (titles/en.yaml)",
            schema=DATA_FILES,
        )
        titles_data: dict = option(
            {}, "titles data given inline, added to the files",
            schema={"type": "object", "properties": TITLES_PROPERTIES, "additionalProperties": False},
        )

    o: Options

    def setup(self) -> None:
        from pressqa.packs import housedata
        from pressqa.analysis.titles import compiled

        refs = list(self.o.titles_files or [])
        inline = self.o.titles_data or {}
        raw = housedata.merged(self.rule, "titles_files", refs, [inline], housedata.TITLES_SCHEMA)
        # Rules with the same data share one compiled copy and one analysis per document.
        self.data: TitleData = compiled(raw)
