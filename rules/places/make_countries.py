"""Write countries.txt from mledoze/countries' countries.json (ODbL 1.0; see README.md).

    python3 rules/places/make_countries.py path/to/countries.json > rules/places/countries.txt

One line per country: its ISO 3166-1 alpha-3 code, its English names (common, official and
the alternative spellings that are words, not codes or native scripts) and its English
demonyms, tab-separated, the forms within a column separated by ``|``.
"""

from __future__ import annotations

import json
import sys


def _is_english_name(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 3 and not form.isupper() and all(c.isascii() or c in "éèçôãíóáúñ" for c in letters)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        countries = json.load(f)
    print("# code\tnames\tdemonyms  (from mledoze/countries, ODbL 1.0: see README.md)")
    for c in sorted(countries, key=lambda c: c["cca3"]):
        names: list[str] = []
        for form in [c["name"]["common"], c["name"]["official"], *c.get("altSpellings", [])]:
            if _is_english_name(form) and form not in names:
                names.append(form)
        demonyms: list[str] = []
        for form in (c.get("demonyms", {}).get("eng") or {}).values():
            if form and form not in demonyms:
                demonyms.append(form)
        print(f"{c['cca3']}\t{'|'.join(names)}\t{'|'.join(demonyms)}")


if __name__ == "__main__":
    main(sys.argv[1])
