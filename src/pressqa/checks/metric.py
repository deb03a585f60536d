"""Readability and length formulas with a condition, per sentence, paragraph or release.

Formulas are parsed with :mod:`ast` and evaluated by a small interpreter that
knows numbers, the four arithmetic operators, a few functions (``min``,
``max``, ``abs``, ``round``) and the variables below; nothing in a pack is
ever handed to ``eval``.
"""

from __future__ import annotations

import ast
import operator
import re
from typing import TYPE_CHECKING, Any, Callable, Iterator, Literal

from pressqa.checks import Check, Context
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document

#: Variables pressqa counts itself (no textstat needed unless syllables are involved).
NATIVE = {
    "words": "words",
    "sentences": "sentences",
    "paragraphs": "paragraphs (1 per paragraph unit)",
    "characters": "characters other than spaces",
    "letters": "letters",
    "long_words": "words of seven letters or more",
    "syllables": "syllables (CMU dictionary, then hyphenation)",
    "polysyllables": "words of three syllables or more",
    "complex_words": "same as polysyllables",
}

#: textstat scores a formula may name; each is computed on the unit's text.
TEXTSTAT = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score", "linsear_write_formula",
    "difficult_words", "lix", "rix", "spache_readability", "mcalpine_eflaw", "reading_time",
)

_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "round": round}
_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
_OP_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


class FormulaError(ValueError):
    """A formula that uses something other than numbers, arithmetic and known names."""


def parse_formula(text: str, allow_compare: bool = True) -> ast.expr:
    """Parse and vet a formula; raises FormulaError naming what is not allowed."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("an empty formula")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not a formula: {exc.msg}") from None
    body = tree.body
    if isinstance(body, ast.Compare):
        if not allow_compare:
            raise FormulaError("a comparison here (put it in 'condition')")
        if len(body.ops) != 1:
            raise FormulaError("only one comparison (a < b), not a chain")
        _vet(body.left)
        _vet(body.comparators[0])
        if type(body.ops[0]) not in _COMPARE:
            raise FormulaError("comparisons are <, <=, >, >=, == and !=")
    else:
        _vet(body)
    return body


def _vet(node: ast.AST) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise FormulaError(f"only numbers, not {node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id not in NATIVE and node.id not in TEXTSTAT:
            known = ", ".join(sorted(NATIVE) + sorted(TEXTSTAT))
            raise FormulaError(f"unknown variable {node.id!r} (known: {known})")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise FormulaError("only + - * / // % are allowed")
        _vet(node.left)
        _vet(node.right)
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY:
            raise FormulaError("only - and + before a number")
        _vet(node.operand)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS or node.keywords:
            raise FormulaError(f"only the functions {', '.join(_FUNCTIONS)} may be called")
        if not node.args:
            raise FormulaError(f"{node.func.id}() needs arguments")
        for arg in node.args:
            _vet(arg)
    elif isinstance(node, ast.Compare):
        raise FormulaError("a comparison inside a formula")
    else:
        raise FormulaError(f"{type(node).__name__.lower()} is not allowed in a formula")


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id not in _FUNCTIONS}


def evaluate(node: ast.AST, values: dict[str, float]) -> float:
    """Evaluate a vetted formula; ZeroDivisionError propagates (the unit is skipped)."""
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # vetted: numbers only
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](evaluate(node.left, values), evaluate(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](evaluate(node.operand, values))
    if isinstance(node, ast.Call):
        func = node.func
        assert isinstance(func, ast.Name)  # vetted: calls of named functions only
        return float(_FUNCTIONS[func.id](*(evaluate(a, values) for a in node.args)))
    raise FormulaError(f"cannot evaluate {type(node).__name__}")  # pragma: no cover - vetted away


def parse_condition(text: str) -> tuple[Callable[[float, float], bool], str, ast.expr]:
    """``"< 30"`` -> (operator.lt, "<", the right-hand side)."""
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped or stripped[0] not in "<>=!":
        raise FormulaError("a condition is a comparison such as '< 30' or '>= 12'")
    node = parse_formula("0 " + stripped, allow_compare=True)
    if not isinstance(node, ast.Compare):  # pragma: no cover - the leading operator makes it one
        raise FormulaError("a condition is a comparison such as '< 30' or '>= 12'")
    return _COMPARE[type(node.ops[0])], _OP_TEXT[type(node.ops[0])], node.comparators[0]


class Metric(Check):
    """A formula over counts and readability scores, with a condition: ``flesch_reading_ease < 30``.

    **What it does.** Computes ``formula`` for each ``per`` unit (``sentence``,
    ``paragraph`` or ``document``) of the prose (``kinds``, by default body
    paragraphs) and reports the units where ``condition`` holds.  The formula
    may use numbers, ``+ - * / // %``, ``min``, ``max``, ``abs``, ``round`` and
    these variables: ``words``, ``sentences``, ``paragraphs``, ``characters``,
    ``letters``, ``long_words`` (7+ letters), ``syllables``, ``polysyllables``
    (3+ syllables; also ``complex_words``), and the textstat scores
    ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``,
    ``smog_index``, ``coleman_liau_index``, ``automated_readability_index``,
    ``dale_chall_readability_score``, ``linsear_write_formula``,
    ``difficult_words``, ``lix``, ``rix``, ``spache_readability``,
    ``mcalpine_eflaw``, ``reading_time``.  The condition can be written apart
    (``condition: "< 30"``) or in the formula (``flesch_reading_ease < 30``).
    The message may use ``{value}``, ``{formula}``, ``{condition}``, ``{per}``
    and ``{words}``.  textstat is loaded only when a formula needs syllables or
    a score.

    **Why.** Readability targets are house policy (plain-language laws set
    grade levels), and they change; a formula in a pack changes with them.

    **Example.**

    ```yaml
    hard-paragraph:
      type: metric
      category: readability
      formula: flesch_reading_ease
      condition: "< 30"
      per: paragraph
      min_words: 40
      message: "hard to read (Flesch reading ease {value}); split sentences, use shorter words"
    ```

    **Leaves alone.** Units shorter than ``min_words``, units where the
    formula divides by zero, and paragraphs that are not prose (headlines,
    lists, contact blocks) unless ``kinds`` names them.
    """

    type = "metric"
    messages = Messages(
        measured=Message("{formula} is {value} in this {per} ({condition})", extra=("words",)),
    )

    @options
    class Options:
        formula: str = option(description="an arithmetic formula, or a comparison", minLength=1)
        condition: str | None = option(None, "when to report: '< 30', '>= 12'...", minLength=1)
        per: Literal["sentence", "paragraph", "document"] = option("document", "the unit measured")
        min_words: int = option(0, "skip units with fewer words", minimum=0)
        kinds: list[str] = option(["body"], "paragraph kinds measured (default: body)", minItems=1)

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        from pressqa.model.structure import KINDS

        try:
            formula = parse_formula(body.get("formula", ""), allow_compare=True)
        except FormulaError as exc:
            return "formula", str(exc)
        condition = body.get("condition")
        if isinstance(formula, ast.Compare) and condition is not None:
            return "condition", "the formula already has a comparison; drop 'condition' or the comparison"
        if not isinstance(formula, ast.Compare) and condition is None:
            return "condition", "is required unless the formula is a comparison (flesch_reading_ease < 30)"
        if condition is not None:
            try:
                parse_condition(condition)
            except FormulaError as exc:
                return "condition", str(exc)
        for i, kind in enumerate(body.get("kinds") or []):
            if kind not in KINDS:
                return ["kinds", i], f"unknown paragraph kind {kind!r} (known: {', '.join(KINDS)})"
        return None

    def setup(self) -> None:
        # The engine feeds it the kinds the rule names (by default body paragraphs).
        self.kinds = frozenset(self.o.kinds)
        formula = parse_formula(self.o.formula, allow_compare=True)
        if isinstance(formula, ast.Compare):
            self._formula = formula.left
            self._op = _COMPARE[type(formula.ops[0])]
            self._op_text = _OP_TEXT[type(formula.ops[0])]
            self._limit_node: ast.expr = formula.comparators[0]
            self._formula_text = ast.unparse(formula.left)
        else:
            self._formula = formula
            self._op, self._op_text, self._limit_node = parse_condition(self.o.condition or "")
            self._formula_text = self.o.formula.strip()
        self._names = names_in(self._formula) | names_in(self._limit_node)
        self._limit_text = ast.unparse(self._limit_node)

    def _units(self, ctx: Context) -> list[tuple[int, int, str, int, int]]:
        """(start, end, text, paragraphs, sentences) of every unit measured.

        A document unit is reported on the first line of its first paragraph.
        """
        paras = ctx.paragraphs
        per = self.o.per
        if per == "sentence":
            return [(s.start, s.end, s.text, 1, 1) for p in paras for s in p.sentences]
        if per == "paragraph":
            return [(p.start, p.end, p.text, 1, len(p.sentences)) for p in paras]
        if not paras:
            return []
        text = "\n\n".join(p.text for p in paras)
        first = paras[0]
        first_line_end = first.lines[0].end if first.lines else first.end
        return [(first.start, first_line_end, text, len(paras), sum(len(p.sentences) for p in paras))]

    def _values(self, text: str, paragraphs: int, sentences: int) -> dict[str, float]:
        values: dict[str, float] = {}
        names = self._names
        words = _WORD.findall(text)
        values["words"] = len(words)
        if "sentences" in names:
            values["sentences"] = max(1, sentences)
        if "paragraphs" in names:
            values["paragraphs"] = paragraphs
        if "characters" in names:
            values["characters"] = sum(1 for c in text if not c.isspace())
        if "letters" in names:
            values["letters"] = sum(1 for c in text if c.isalpha())
        if "long_words" in names:
            values["long_words"] = sum(1 for w in words if sum(1 for c in w if c.isalpha()) >= 7)
        if names & {"syllables", "polysyllables", "complex_words"}:
            from pressqa.backends.textstat import syllable_counter

            count = syllable_counter()
            per_word = [count(w.lower()) for w in words]
            values["syllables"] = sum(per_word)
            values["polysyllables"] = values["complex_words"] = sum(1 for n in per_word if n >= 3)
        scores = names & set(TEXTSTAT)
        if scores:
            from pressqa.backends.textstat import install

            textstat = install()
            for name in scores:
                values[name] = float(getattr(textstat, name)(text))
        return values

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        per = self.o.per
        min_words = self.o.min_words
        for start, end, text, paragraphs, sentences in self._units(ctx):
            values = self._values(text, paragraphs, sentences)
            if values["words"] < min_words or values["words"] == 0:
                continue
            try:
                value = float(evaluate(self._formula, values))
                limit = float(evaluate(self._limit_node, values))
            except (ZeroDivisionError, OverflowError, ValueError):
                continue
            if not self._op(value, limit):
                continue
            shown = f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
            yield Hit(
                start=start,
                end=end,
                message=self.say(
                    "measured", value=shown, formula=self._formula_text, per=per,
                    condition=f"{self._op_text} {self._limit_text}", words=int(values["words"]),
                ),
            )
