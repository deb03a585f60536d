"""Turning a check's hit into a finding: rule id, category, severity, path and position stamped on."""

from __future__ import annotations

from pressqa.findings import Finding, Hit
from pressqa.model.document import Document
from pressqa.packs.rule import Rule


def stamp(doc: Document, rule: Rule, hit: Hit) -> Finding:
    """Turn a hit into a finding: rule, category, severity, positions.

    ``start``/``end`` stay offsets into the checked text; line and column are the
    source file's (they differ for Markdown, HTML and Word: :mod:`pressqa.inputs`).
    """
    if doc.source is not None:
        line, column = doc.source.position(hit.start)
        end_line, end_column = doc.source.end_position(hit.end, hit.start)
    else:
        line, column = doc.position(hit.start)
        end_line, end_column = doc.end_position(hit.end, hit.start)
    return Finding(
        path=doc.path,
        rule=hit.rule or rule.id,
        category=hit.category or rule.category,
        severity=hit.severity or rule.severity,
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=hit.message,
        suggestion=hit.suggestion,
        fix=hit.fix,
        link=rule.link,
        same_as=tuple(hit.data.get("same_as", ())),
    )


def in_scope(doc: Document, rule: Rule, finding: Finding) -> bool:
    """Does the finding fall in the part of the document the rule is scoped to?

    The places listed (``headline``, ``body``, ``prose``, ``quotations``, ``all``) are a
    union; ``outside-quotations`` then drops findings that start inside a quotation.
    ``body`` is everything below the top matter; ``prose`` is the edited prose of it, not
    a transcript's speech (see :mod:`pressqa.model.structure`).
    """
    scope = rule.scope
    if not scope:
        return True
    places = [s for s in scope if s != "outside-quotations"]
    if "outside-quotations" in scope and _in_quotation(doc, finding.start):
        return False
    if not places or "all" in places:
        return True
    para = doc.paragraph_at(finding.start)
    kind = para.kind if para else "body"
    if "headline" in places and kind in ("headline", "heading"):
        return True
    if "body" in places and kind not in ("headline", "heading"):
        return True
    if "prose" in places and kind not in ("headline", "heading", "speech"):
        return True
    if "quotations" in places and _in_quotation(doc, finding.start):
        return True
    return False


def _in_quotation(doc: Document, offset: int) -> bool:
    from pressqa.model.quotes import in_quotation

    return in_quotation(doc, offset)


