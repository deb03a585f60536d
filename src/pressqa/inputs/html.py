"""HTML: the release's text in a saved web page or a CMS export, at the file's own lines and columns.

Read by the standard library's HTML tokenizer (``html.parser``), which is
forgiving of unclosed tags and reports where every tag and run of text starts,
so each character of the checked text keeps its place in the file (an entity
such as ``&amp;`` is placed at its ``&``).

What is kept: the text of paragraphs, headings (with ``#`` marks, as the
document model knows headings), list items (``- ``), table cells, block quotes,
captions and the like, each block a paragraph of its own; runs of white space
are one space, as a browser shows them; ``<br>`` is a line break.

What is not: the head (title, meta), scripts, styles, forms, navigation,
asides, ``hidden`` elements, code (``<code>`` in a sentence stands as one U+FFFC
character, as in Markdown), ``<pre>`` blocks and images.  A full page's chrome
is left out: when the page has a ``<main>`` element (or ``role="main"``), only
its text is checked, else its ``<article>`` elements, else the body less its
``<header>``, ``<footer>``, ``<nav>`` and ``<aside>``.  A fragment (a CMS export,
no ``<body>``) is all body.

Comments naming pressqa (``<!-- pressqa: disable=... -->``) are kept, so
suppression directives work as in plain text and Markdown.
"""

from __future__ import annotations

import re
from html.entities import html5 as _HTML5
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from pressqa.model.sourcemap import SourceMap, TextBuilder

if TYPE_CHECKING:
    from pressqa.model.document import Document

OBJECT = "\ufffc"

#: Elements whose content is never prose.
SKIP = frozenset({
    "head", "title", "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "form",
    "button", "select", "textarea", "iframe", "object", "canvas", "video", "audio", "pre", "map", "dialog",
})
#: Page chrome outside the main content.
CHROME = frozenset({"header", "footer"})
#: Inline elements that stand for something not prose: one object character in the sentence.
OBJECTS = frozenset({"code", "kbd", "samp", "var", "img"})
#: Elements that start and end a block of text.
BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "header", "hr", "html", "legend", "li", "main", "ol", "p", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
_HTML_SPACE = " \t\n\r\f"
_MAIN = re.compile(r"<main\b|\brole\s*=\s*[\"']?main\b", re.I)
_ARTICLE = re.compile(r"<article\b", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


class _Reader(HTMLParser):
    def __init__(self, text: str, landmark: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.out = TextBuilder(len(text))
        self.landmark = landmark  # "main", "article" or None (the whole body)
        self.inside = 0  # 1 inside the landmark
        self.landmark_tag = ""  # the landmark's element (role="main" may sit on a <div>)
        self.nested = 0  # elements of the landmark's tag open inside it
        self.skip: list[str] = []  # the open element whose content is being skipped, and the same tags inside it
        self.block_sep = "\n\n"
        self.in_list = 0
        self.cell = False
        self.space = True  # the text so far ends in white space (or at a block start)

    # -- positions -------------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- where we are ---------------------------------------------------------------------

    def _live(self) -> bool:
        return not self.skip and (self.landmark is None or self.inside > 0)

    def _is_landmark(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if self.landmark == "main":
            return tag == "main" or any(k == "role" and (v or "").strip().lower() == "main" for k, v in attrs)
        return self.landmark == "article" and tag == "article"

    def _break(self, separator: str) -> None:
        self.out.separate(separator)
        self.space = True

    # -- tags ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[0] and tag not in VOID:
                self.skip.append(tag)
            return
        if self.landmark is not None and tag not in VOID:
            if self.inside and tag == self.landmark_tag:
                self.nested += 1  # the same tag inside the landmark: its end is not the landmark's
            elif not self.inside and self._is_landmark(tag, attrs):
                self.inside, self.landmark_tag, self.nested = 1, tag, 0
                self._break("\n\n")
                return
        hidden = any(k == "hidden" or (k == "aria-hidden" and (v or "").lower() == "true") for k, v in attrs)
        if tag in SKIP or hidden or (tag in CHROME and self.landmark is None):
            if tag not in VOID:
                self.skip.append(tag)
            return
        if not self._live():
            return
        where = self._offset()
        if tag in OBJECTS:
            self.out.add(OBJECT, where, contiguous=False)
            self.space = False
            if tag not in VOID:
                self.skip.append(tag)
            return
        if tag == "br":
            self._line_break(where)
            return
        if tag in ("ul", "ol"):
            self.in_list += 1
            self._break("\n\n")
            return
        if tag == "li":
            self._break("\n" if self.in_list else "\n\n")
            self.out.add("- ", where, contiguous=False)
            return
        if tag in ("td", "th"):
            # A row is "| cell | cell |", as the document model knows a table.
            while self.out.chars and self.out.chars[-1] == " ":
                self.out.chars.pop()
                self.out.offsets.pop()
            self.out.add(" | " if self.cell else "| ", where, contiguous=False)
            self.space = True
            self.cell = True
            return
        if tag == "tr":
            self._break("\n")
            self.cell = False
            return
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._break("\n\n")
            self.out.add("#" * int(tag[1]) + " ", where, contiguous=False)
            return
        if tag in BLOCKS:
            self._break("\n\n")

    def _line_break(self, where: int) -> None:
        while self.out.chars and self.out.chars[-1] == " ":
            self.out.chars.pop()
            self.out.offsets.pop()
        self.out.add("\n", where, contiguous=False)
        self.space = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if self.inside and tag == self.landmark_tag:
            if self.nested:
                self.nested -= 1
            else:
                self.inside = 0  # the landmark ends; another one later on is read too
                self._break("\n\n")
                return
        if not self._live():
            return
        if tag in ("ul", "ol"):
            self.in_list = max(0, self.in_list - 1)
            self._break("\n\n")
        elif tag == "tr":
            if self.cell:
                self.out.add(" |", self._offset(), contiguous=False)
            self.cell = False
            self._break("\n")
        elif tag in ("td", "th"):
            pass
        elif tag == "li":
            self._break("\n" if self.in_list else "\n\n")
        elif tag in BLOCKS:
            self._break("\n\n")

    # -- text ------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if not self._live():
            return
        start = self._offset()
        chars: list[str] = []
        offsets: list[int] = []
        for i, ch in enumerate(data):
            if ch in _HTML_SPACE:
                if self.space:
                    continue
                chars.append(" ")
                offsets.append(start + i)
                self.space = True
            else:
                chars.append(ch)
                offsets.append(start + i)
                self.space = False
        if chars:
            self.out.add_mapped("".join(chars), offsets)

    def _reference(self, char: str) -> None:
        if not self._live() or not char:
            return
        where = self._offset()
        if char.isspace() and char != "\xa0":
            if self.space:
                return
            char = " "
        self.out.add(char, where, contiguous=False)
        self.space = char == " "

    def handle_entityref(self, name: str) -> None:
        self._reference(_HTML5.get(name + ";", _HTML5.get(name, "&" + name)))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in ("x", "X") else int(name)
            char = chr(code)
        except (ValueError, OverflowError):
            char = ""
        self._reference(char)

    def handle_comment(self, data: str) -> None:
        if not self._live() or "pressqa" not in data:
            return
        where = self._offset()
        comment = f"<!--{data}-->"
        if self.text.startswith(comment, where):
            self.out.add(comment, where)  # verbatim: a suppression directive
        else:
            self.out.add(comment, where, contiguous=False)
        self.space = False


def landmark_of(text: str) -> str | None:
    """Which part of the page holds the release: ``main``, ``article``, or None for the whole body."""
    if _MAIN.search(text):
        return "main"
    if _ARTICLE.search(text):
        return "article"
    return None


def extract(text: str) -> tuple[str, SourceMap]:
    """The checked text of HTML source *text*, and the map back to it."""
    reader = _Reader(text, landmark_of(text))
    reader.feed(text)
    reader.close()
    checked, offsets = reader.out.finish(len(text))
    return checked, SourceMap(text, offsets, "html")


def decode_html(data: bytes, path: str, encoding: str | None) -> tuple[str, str, bytes]:
    """Decode as any text file; a page that is not UTF-8 may say its encoding in a ``<meta>`` tag."""
    from pressqa.errors import InputError
    from pressqa.model.document import decode

    try:
        return decode(data, path, encoding)
    except InputError:
        declared = _CHARSET.search(data[:4096])
        if encoding or not declared:
            raise
        return decode(data, path, declared.group(1).decode("ascii"))


def read(data: bytes, path: str, encoding: str | None = None) -> "Document":
    """An HTML file as the document to check, with the map back to the file."""
    from pressqa.model.document import Document

    source, codec, bom = decode_html(data, path, encoding)
    checked, mapping = extract(source)
    doc = Document(checked, path=path, encoding=codec, bom=bom)
    doc.source = mapping
    return doc
