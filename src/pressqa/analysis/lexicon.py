"""Closed classes of English words that the press checks reason with, and a lazy word list.

These are grammar, not house style: a house adjusts them through rule options
(``extra_words``, ``allow_words``) rather than by editing this file.
"""

from __future__ import annotations


ARTICLES = frozenset({"a", "an", "the"})
DEMONSTRATIVES = frozenset({"this", "these", "those"})
POSSESSIVES = frozenset({"my", "your", "his", "its", "our", "their", "whose"})
# Coordinators and subordinators that cannot end a clause.
CONJUNCTIONS = frozenset({
    "and", "or", "nor", "but", "yet", "because", "although", "though", "whereas", "while", "if", "unless",
    "whether", "than", "as", "since", "so", "that", "when", "where", "which", "who", "whom",
})
PREPOSITIONS = frozenset({
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "upon", "about", "above",
    "across", "after", "against", "along", "amid", "among", "around", "before", "behind", "below",
    "beneath", "beside", "besides", "between", "beyond", "despite", "during", "except", "including",
    "inside", "like", "near", "over", "per", "regarding", "through", "throughout", "toward", "towards",
    "under", "underneath", "unlike", "until", "via", "within", "without", "concerning", "following",
})
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did",
})
# Words after which a sentence may end even though they are prepositions
# ("the talks they took part in", "what they agreed on", "stood by").
STRANDABLE = frozenset({"in", "on", "by", "for", "with", "from", "to", "about", "over", "through", "out", "up", "off", "down", "back", "along", "around", "across", "behind", "inside", "within", "before", "after", "since", "below", "above", "underneath", "like", "toward", "towards"})
# Words that lead a relative or wh- clause: they license a stranded preposition.
WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "where", "that", "whatever", "whoever"})

#: A clause cannot stop on these.
DANGLING = ARTICLES | POSSESSIVES | CONJUNCTIONS | PREPOSITIONS | AUXILIARIES | {"the", "to", "very", "such", "both", "either", "neither", "each", "every", "any", "no", "not"}
#: A sentence that has its full stop cannot end on these.
#: (Prepositions can: "what they heard of.", "the file it pointed at." -- see DanglingWord.)
NEVER_BEFORE_STOP = ARTICLES | (POSSESSIVES - {"his"}) | {
    "and", "or", "nor", "but", "than", "because", "although", "whether", "who", "whom",
}


def is_cut_word(word: str, min_length: int = 4) -> bool:
    """Is *word* the start of a longer English word but not a word itself (``liveli``)?

    Uses the list of ordinary English words that the name checks use
    (``rules/lexicon/common-words.txt``), searched by bisection: no word list
    is loaded into memory for one question.
    """
    from pressqa.analysis.commonwords import is_common_word, starts_longer_word

    low = word.lower()
    if len(low) < min_length or not low.isalpha() or is_common_word(low):
        return False
    return starts_longer_word(low)
