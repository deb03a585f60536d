"""What a LanguageTool rule is, for ``pressqa rules languagetool/RULE_ID``.

LanguageTool's English rules are written in XML inside its ``language-en`` jar (``<rule id=...
name=...>`` and ``<rulegroup id=... name=...>`` under a ``<category>``); the installed jar
(``pressqa languagetool install``) is read when a rule is asked about, never on a check.  Rules
written in Java (the spelling rule, the word-repeat rule...) have no XML entry: for those, and
when LanguageTool is not installed, pressqa says what it knows of its own (the category it maps
the rule to, the built-in rule it stands in for).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import NamedTuple

_RULE = re.compile(r"<(rule|rulegroup)\s[^>]*\bid=\"([A-Za-z0-9_]+)\"[^>]*>")
_NAME = re.compile(r"\bname=\"([^\"]*)\"")
_CATEGORY = re.compile(r"<category\s[^>]*\bid=\"([A-Za-z0-9_]+)\"[^>]*?\bname=\"([^\"]*)\"")


class LTRule(NamedTuple):
    id: str
    name: str
    category_id: str
    category_name: str
    source: str  # the file inside the jar


def _jars() -> list[Path]:
    from pressqa.backends import lthome

    inst = lthome.find_installation()
    if inst is None:
        return []
    return sorted(inst.root.glob("**/libs/language-en*.jar"))


def describe(rule_id: str, jars: list[Path] | None = None) -> LTRule | None:
    """The English rule *rule_id* as LanguageTool's XML defines it, or None (a Java rule, or no install)."""
    for jar in _jars() if jars is None else jars:
        try:
            with zipfile.ZipFile(jar) as zf:
                for name in zf.namelist():
                    if not (name.startswith("org/languagetool/rules/en/") and name.endswith(".xml")):
                        continue
                    text = zf.read(name).decode("utf-8", "replace")
                    if f'id="{rule_id}"' not in text:
                        continue
                    found = _find(text, rule_id, name)
                    if found is not None:
                        return found
        except (OSError, zipfile.BadZipFile):
            continue
    return None


def _find(text: str, rule_id: str, source: str) -> LTRule | None:
    category = ("", "")
    categories = [(m.start(), m.group(1), html_unescape(m.group(2))) for m in _CATEGORY.finditer(text)]
    for m in _RULE.finditer(text):
        if m.group(2) != rule_id:
            continue
        for start, cid, cname in categories:
            if start < m.start():
                category = (cid, cname)
        name = _NAME.search(m.group(0))
        return LTRule(rule_id, html_unescape(name.group(1) if name else ""), category[0], category[1], source)
    return None


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
