"""The third held-out corpus: pressqa's four press checks must keep the precision and recall measured on it.

tests/corpus/heldout3/ holds 18 releases written for pressqa, three of each kind it is
judged on (clean and defective copies, labels.jsonl, negatives.jsonl; see its README.md).
The texts and labels were written and committed before pressqa was first run on them,
without reading the check code or the texts of the first two held-out corpora.  This
test runs every default rule over both copies with LanguageTool off, scores the
findings with the same matching rules as tests/test_heldout.py (eval-dev/score.py,
slack 0), and holds each class to the floor measured on that first run, rounded down
to 0.05.  It guards against regressions; it does not claim more than was measured.
Raise a floor when a check gets better; never edit the corpus to make this pass.
"""

from __future__ import annotations

from pathlib import Path

from heldout_scoring import Corpus

HELDOUT3 = Corpus(Path(__file__).parent / "corpus" / "heldout3")

# First run, LanguageTool off, 50 required labels (48 injected, 1 natural in both copies)
# and 2 optional; LanguageTool on (a local 6.6 server) gave the same figures:
#   T  TP 11 FP 0  FN 1   P 1.00  R 0.92
#   N  TP 10 FP 0  FN 2   P 1.00  R 0.83
#   C  TP 10 FP 2  FN 4   P 0.83  R 0.71
#   I  TP 6  FP 0  FN 6   P 1.00  R 0.50
# As first committed, one title label (05, "US segment" against a single "U.S. Navy")
# lacked the alt_lines the corpus README promises for one-against-one conflicts, and
# pressqa reported the other line: I TP 5 FP 1 FN 7 (P 0.83, R 0.42).  The label was
# corrected after the run, in the open; the figures above are with it corrected.
# Then mended from its misses (no longer blind for these): a citation's "doi:" after a
# full stop, a sentence ending on "who", a modal with no verb ("who will the Canadarm2"),
# "the taoiseach" (titles data; a tie within one standalone title settled by the
# release's other standalone titles), "Det." against "Detective":
#   T  TP 12 FP 0  FN 0   P 1.00  R 1.00   (a list item cut after an article)
#   N  TP 10 FP 0  FN 2   P 1.00  R 0.83
#   C  TP 12 FP 0  FN 2   P 1.00  R 0.86
#   I  TP 8  FP 0  FN 4   P 1.00  R 0.67
FLOORS = {
    "T": {"P": 1.00, "R": 1.00},
    "N": {"P": 1.00, "R": 0.80},
    "C": {"P": 1.00, "R": 0.85},
    "I": {"P": 1.00, "R": 0.65},
}
# Figures measured below the absolute floor (0.6): their floors above guard against a regression
# until the shortfall is made up.
BELOW_ABSOLUTE: set[tuple[str, str]] = set()


def test_corpus_is_well_formed():
    """Every label and negative points at a non-blank line of a corpus file; unlabelled copies are identical;
    a natural defect is labelled in both copies; no trap sits on a label."""
    assert HELDOUT3.well_formed_problems() == []


def test_press_checks_keep_their_heldout3_precision_and_recall():
    failures = HELDOUT3.floor_failures(FLOORS, BELOW_ABSOLUTE)
    assert not failures, "; ".join(failures) + "\n" + HELDOUT3.report(FLOORS)


def test_below_absolute_lists_exactly_the_shortfalls():
    """A figure below the absolute floor is listed in BELOW_ABSOLUTE, and one listed there is still below it.

    When a check improves past the absolute floor, the entry must go (and the floor rise).
    """
    short = HELDOUT3.shortfalls()
    assert short == BELOW_ABSOLUTE, f"below the absolute floor: {sorted(short)}; listed: {sorted(BELOW_ABSOLUTE)}\n" + HELDOUT3.report(FLOORS)
