"""How titles are written: their key (lowercase, singular), plural, capitalized form."""

from __future__ import annotations

from pressqa.analysis import lexicon


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def title_key(phrase: str) -> str:
    """``Foreign Ministers`` -> ``foreign minister``: lowercase, hyphens as spaces, singular."""
    words = phrase.lower().replace("-", " ").replace("‐", " ").split()
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def is_plural(phrase: str) -> bool:
    words = phrase.lower().split()
    return bool(words) and singular(words[-1]) != words[-1]


def capitalize_title(phrase: str) -> str:
    out = []
    for i, word in enumerate(phrase.split(" ")):
        if i and word.lower() in lexicon.words("title-small-words"):  # Secretary of State
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)
