"""The letter tests behind name-variant: folding, romanisation keys, first letters, technical words."""

from __future__ import annotations

import pytest

from pressqa.analysis.similarity import first_letter_variant, technical_variant, translit_key, transliteration_variant
from pressqa.analysis.mentions import fold


@pytest.mark.parametrize(
    "word,folded",
    [
        ("Støre", "store"),
        ("Ørsted", "orsted"),
        ("Małecki", "malecki"),
        ("Æbelø", "aebelo"),
        ("Straße", "strasse"),
        ("Þórsson", "thorsson"),
        ("Guðmundsson", "gudmundsson"),
        ("Đoković", "dokovic"),
        ("Álvarez", "alvarez"),
        ("Blinken", "blinken"),
    ],
)
def test_fold_writes_letters_without_their_marks(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize(
    "a,b",
    [
        ("heijden", "heyden"),
        ("aleksey", "alexey"),
        ("zelenskyy", "zelensky"),
        ("zelenskiy", "zelensky"),
        ("mirzoyan", "mirzoian"),
        ("bayramov", "bairamov"),
        ("mikhail", "mihail"),
        ("yusuf", "yousouf"),
        ("kozyatinskiy", "koziatinskii"),
    ],
)
def test_romanisations_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)
    assert transliteration_variant(a, b, 5)


@pytest.mark.parametrize(
    "a,b",
    [
        ("zelenska", "zelensky"),  # feminine and masculine: different keys
        ("bayramova", "bayramov"),  # a gender pair
        ("lobos", "lobo"),  # short, and a plural
        ("mohammed", "muhammad"),  # two vowels: too far for a key
        ("heyden", "heyden"),  # the same word
    ],
)
def test_other_pairs_are_no_romanisations(a, b):
    assert not transliteration_variant(a, b, 5)


def test_first_letter_variants():
    assert first_letter_variant("sifuentes", "cifuentes", 5)
    assert not first_letter_variant("sifuentes", "sifuentez", 5)  # not the first letter
    assert not first_letter_variant("katz", "satz", 5)  # too short
    assert not first_letter_variant("hansen", "jensen", 5)  # more than the first letter


@pytest.mark.parametrize(
    "a,b",
    [
        ("vuremtamab", "vuremtimab"),  # a vowel changed
        ("lenrisvimab", "lenrsivimab"),  # neighbours swapped
        ("triaging", "triagging"),  # a doubled letter
        ("renegotiation", "renegotation"),  # a vowel dropped
    ],
)
def test_technical_slips(a, b):
    assert technical_variant(a, b, 8)


@pytest.mark.parametrize(
    "a,b",
    [
        ("vuremtamab", "vuremtamabs"),  # a plural: the end of the word
        ("autoload", "autoloaded"),  # an inflection
        ("microvascular", "macrovascular"),  # a prefix
        ("strftime", "strptime"),  # a consonant: built to differ
        ("httpagent", "httpsagent"),  # a consonant added
        ("tokenisation", "tokenization"),  # -ise/-ize
        ("implementors", "implementers"),  # -or/-er
        ("dependance", "dependence"),  # -ance/-ence
        ("leukaemia", "leukemia"),  # ae/e
        ("diarrhoea", "diarrhea"),  # oe/e
        ("modelling", "modeling"),  # ll/l
        ("vuremtamab", "vuremtamab"),  # the same word
        ("abcdefg", "abcdxfg"),  # shorter than the minimum
    ],
)
def test_technical_non_slips(a, b):
    assert not technical_variant(a, b, 8)
