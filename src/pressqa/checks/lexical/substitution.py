"""Preferred forms, with the form to use as a fix (check type ``substitution``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.checks import Context
from pressqa.checks.lexical.matching import EXCEPTIONS, IGNORECASE, NONWORD, REGEX, STRINGS, PhraseCheck, match_case
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit
from pressqa.packs.regexes import compile_error

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph


class Substitution(PhraseCheck):
    """Preferred forms: ``e-mail`` -> ``email``, ``Kiev`` -> ``Kyiv``, ``in order to`` -> ``to``.

    **What it does.** ``swap`` maps each form to avoid to the form to use.  Every
    match is reported with the preferred form as the suggestion, in the case of
    the text (``Kiev's`` -> ``Kyiv's``, ``In order to`` at the start of a
    sentence -> ``To``, ``KIEV`` -> ``KYIV``), and with a fix that replaces just
    those words, so ``pressqa fix`` can apply it.  Set ``fix: false`` for swaps
    that need a human to read the sentence (the suggestion is still shown), and
    ``matchcase: false`` to suggest the value exactly as written.  A
    value with ``|`` offers alternatives (``over: more than|above``) and has no fix.
    With ``regex: true`` the keys are regular expressions and a value may refer
    to their groups (``\\1``).

    **Why.** A house style is mostly a list of preferred spellings and names;
    applying them by hand across a release is slow and error-prone.

    **Example.**

    ```yaml
    preferred-forms:
      type: substitution
      category: terminology
      swap:
        e-mail: email
        Kiev: Kyiv
    ```

    **Leaves alone.** The preferred form itself, matches inside longer words,
    and matches inside any of the ``exceptions`` (``Chicken Kiev``).
    """

    type = "substitution"
    fixable = True
    messages = Messages(use="use '{suggestion}' instead of '{match}'")
    unit = "paragraph"

    @options
    class Options:
        swap: dict[str, str] = option(
            description="form to avoid -> preferred form ('a|b' for alternatives)",
            schema={"type": "object", "additionalProperties": {"type": "string", "minLength": 1}, "minProperties": 1},
        )
        ignorecase: bool = option(True, IGNORECASE)
        nonword: bool = option(False, NONWORD)
        regex: bool = option(False, REGEX)
        exceptions: list[str] = option([], EXCEPTIONS, schema=STRINGS)
        fix: bool = option(True, "offer the replacement as a safe fix (the default)")
        matchcase: bool = option(True, "give the replacement the case of the text (the default)")

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        swap = body.get("swap") or {}
        for key in swap:
            if not str(key).strip():
                return ["swap", key], "an empty form to avoid"
        if body.get("regex"):
            for key in swap:
                problem = compile_error(key)
                if problem:
                    return ["swap", key], problem
        return None

    def setup(self) -> None:
        super().setup()
        swap = self.o.swap
        self._keys = list(swap)
        self._values = [swap[k] for k in self._keys]
        self._matcher = self.matcher(self._keys, is_regex=self.o.regex, nonword=self.o.nonword)
        self._own: list[Any] = []
        if self.o.regex:
            import regex  # only for regex keys: the import costs the commit hook ~10 ms

            self._own = [regex.compile(k, self.flags()) for k in self._keys]

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for hit in self.matches(self._matcher, doc, ctx, para):
            i = hit.index
            found = doc.text[hit.start:hit.end]
            value = self._values[i]
            if self._own:
                # match the key alone at the same place, so that \1 means its own group 1
                # (lookarounds still see the text around it, unlike a sliced fullmatch)
                own = self._own[i].match(doc.text, hit.start)
                if own is not None and own.end() == hit.end:
                    value = own.expand(value)
            key = "" if self._own else self._keys[i]
            parts = value.split("|")
            # a single value is used as written (" p.m." may start with a space)
            choices = [v.strip() for v in parts if v.strip()] if len(parts) > 1 else [value]
            if self.o.matchcase:
                choices = [match_case(found, v, key) for v in choices]
            if not choices or found in choices:
                continue
            fix: tuple[Edit, ...] = ()
            if self.o.fix and len(choices) == 1:
                fix = (Edit(hit.start, hit.end, choices[0]),)
            yield Hit(
                start=hit.start,
                end=hit.end,
                message=self.say("use", match=found, suggestion="' or '".join(choices)),
                suggestion=choices[0],
                fix=fix,
            )
