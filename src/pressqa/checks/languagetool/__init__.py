"""Grammar and spelling through LanguageTool, paragraph by paragraph, cached on disk: one concern per module.

* :mod:`.check` -- the ``languagetool`` check type: options, messages, categories, what becomes a finding;
* :mod:`.pieces` -- the text sent for each paragraph, and the map of its offsets back to the document;
* :mod:`.names` -- the release's own names, never reported as misspellings (unless a rarer spelling);
* :mod:`.matches` -- LanguageTool's matches for each paragraph: the disk cache, then parallel requests.

LanguageTool itself is reached through :mod:`pressqa.backends.languagetool`.  The user documentation
is the docstring of :class:`LanguageToolCheck` (``pressqa rules languagetool``).
"""

from __future__ import annotations

from pressqa.checks.languagetool.check import (
    CATEGORY_IDS, ISSUE_TYPES, SPELLING_ISSUES, UNAVAILABLE, UNPAIRED_QUOTE_RULES, LanguageToolCheck,
)
from pressqa.checks.languagetool.matches import CACHE_FORMAT, CACHE_KIND, WORKERS, OutOfTime
from pressqa.checks.languagetool.names import (
    WordUse, defined_terms, is_consistent_name, is_name_like, is_variant, more_frequent_variant, names_from_rules,
    word_uses,
)
from pressqa.checks.languagetool.pieces import Piece, continued_quotation, prepare, quote_message

__all__ = [
    "CACHE_FORMAT", "CACHE_KIND", "CATEGORY_IDS", "ISSUE_TYPES", "SPELLING_ISSUES", "UNAVAILABLE",
    "UNPAIRED_QUOTE_RULES", "WORKERS", "LanguageToolCheck", "OutOfTime", "Piece", "WordUse", "continued_quotation",
    "defined_terms", "is_consistent_name", "is_name_like", "is_variant", "more_frequent_variant", "names_from_rules",
    "prepare", "quote_message", "word_uses",
]
