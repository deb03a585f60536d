"""Markdown: the prose a reader sees, parsed by markdown-it-py (CommonMark, with tables).

What is checked, and what is not:

* paragraphs, headings (kept with their ``#`` marks, so that the document model
  still knows them for headings), list items (with their bullet or number),
  block quotes, table cells (a row's cells on one line, joined by ``|``) and the
  text of links;
* **not** front matter (``---`` ... ``---`` at the top), fenced and indented code
  blocks, inline code, HTML blocks and inline tags, link targets and reference
  definitions, images and autolinks.  An inline code span, an image or an
  autolink stands in the sentence as one U+FFFC OBJECT REPLACEMENT CHARACTER, a
  character that is neither a word nor punctuation, so that ``the `x` the`` is
  not a doubled word and ``Run `foo,bar` now.`` has nothing to report;
* HTML comments are kept as they are: they carry pressqa's suppression directives.

Every character of the checked text remembers where it came from, so findings
are reported at the file's own line and column, and ``pressqa fix`` edits the
file itself (only where a fix's text is an unbroken run of the file's text).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from pressqa.model.sourcemap import SourceMap, TextBuilder

if TYPE_CHECKING:
    from markdown_it.token import Token

    from pressqa.model.document import Document

#: What an inline code span, an image or an autolink becomes in the checked text.
OBJECT = "\ufffc"

_NEWLINE = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_OPEN = re.compile(r"^(?:---|\+\+\+)[ \t]*$")
#: How far a decoded character may be from its place in the raw inline text (``&amp;``, ``\\*``).
_LOOKAHEAD = 12

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_parser = None


def _unescape(entity: str) -> str:
    import html

    return html.unescape(entity)


def _markdown():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt  # ~25 ms: imported only when a Markdown file is read

        _parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return _parser


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The source lines without their endings, and their start offsets."""
    starts = [0]
    for m in _NEWLINE.finditer(text):
        starts.append(m.end())
    lines = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        lines.append(text[start:end].rstrip("\r\n"))
    return lines, starts


def front_matter_lines(lines: list[str]) -> int:
    """How many lines at the top are YAML (``---``) or TOML (``+++``) front matter; 0 when there is none."""
    if not lines or not _FRONT_MATTER_OPEN.match(lines[0]):
        return 0
    fence = lines[0].strip()
    for i in range(1, len(lines)):
        stripped = lines[i].strip()
        if stripped == fence or (fence == "---" and stripped == "..."):
            return i + 1
    return 0


class _Extractor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines, self.starts = _lines(text)
        self.out = TextBuilder(len(text))

    # -- positions of a block's inline text ---------------------------------------------

    def _line_end(self, line: int) -> int:
        return self.starts[line] + len(self.lines[line])

    def content_offsets(self, content: str, first_line: int, row_cursor: list[int] | None = None) -> list[int]:
        """The source offset of every character of an inline token's raw *content* (lines joined by ``\\n``).

        Each content line is the source line less its block prefix (``> ``, a list
        marker, ``#``) and surrounding blanks, so it is found in its source line,
        at the last place it occurs (the prefix comes before it).  Table cells,
        several on one line, are found left to right from *row_cursor*.
        """
        offsets: list[int] = []
        for j, piece in enumerate(content.split("\n")):
            line = min(first_line + j, len(self.lines) - 1)
            source = self.lines[line]
            if row_cursor is not None:
                at = source.find(piece, row_cursor[0]) if piece else row_cursor[0]
                if at >= 0:
                    row_cursor[0] = at + len(piece)
            else:
                at = source.rfind(piece) if piece else len(source)
            if j:
                offsets.append(self._line_end(line - 1) if line > 0 else 0)  # the "\n" between lines
            if at >= 0:
                offsets.extend(range(self.starts[line] + at, self.starts[line] + at + len(piece)))
            else:
                offsets.extend(self._align(piece, source, self.starts[line]))
        return offsets

    @staticmethod
    def _align(piece: str, source: str, base: int) -> list[int]:
        """Character by character, when a content line is not found as it is (a tab widened to spaces)."""
        out = []
        cursor = 0
        for ch in piece:
            at = source.find(ch, cursor, cursor + _LOOKAHEAD)
            if at < 0:
                out.append(base + min(cursor, max(len(source) - 1, 0)))
                continue
            out.append(base + at)
            cursor = at + 1
        return out

    # -- inline children -------------------------------------------------------------------

    def inline(self, token: "Token", first_line: int, row_cursor: list[int] | None = None) -> None:
        content = token.content
        where = self.content_offsets(content, first_line, row_cursor)
        where.append(where[-1] + 1 if where else self.starts[min(first_line, len(self.starts) - 1)])
        cursor = 0
        children = token.children or []
        i = 0
        while i < len(children):
            child = children[i]
            kind = child.type
            if kind == "text":
                cursor = self._text(child.content, content, where, cursor)
            elif kind == "softbreak" or kind == "hardbreak":
                at = content.find("\n", cursor)
                if at < 0:
                    at = cursor
                self.out.add("\n", where[min(at, len(where) - 1)], contiguous=False)
                cursor = at + 1 if at < len(content) else cursor
            elif kind == "code_inline":
                start = content.find(child.markup, cursor)
                start = cursor if start < 0 else start
                close = content.find(child.markup, start + len(child.markup) + len(child.content) - 2)
                end = len(content) if close < 0 else close + len(child.markup)
                self.out.add(OBJECT, where[start], contiguous=False)
                cursor = end
            elif kind == "html_inline":
                start = content.find(child.content, cursor)
                if start < 0:
                    continue_at = cursor
                else:
                    continue_at = start + len(child.content)
                    if child.content.startswith("<!--"):
                        # A comment is kept: it may be a suppression directive.
                        self.out.add_mapped(child.content, where[start:continue_at])
                cursor = continue_at
            elif kind == "image":
                start = content.find("![", cursor)
                start = cursor if start < 0 else start
                self.out.add(OBJECT, where[start], contiguous=False)
                close = content.find("]", start)
                cursor = self._skip_target(content, close + 1 if close >= 0 else start)
            elif kind == "link_open" and child.markup in ("autolink", "linkify"):
                start = content.find("<", cursor) if child.markup == "autolink" else cursor
                start = cursor if start < 0 else start
                self.out.add(OBJECT, where[start], contiguous=False)
                while i + 1 < len(children) and children[i + 1].type != "link_close":
                    i += 1
                i += 1  # the link_close
                if child.markup == "autolink":
                    close = content.find(">", start)
                    cursor = close + 1 if close >= 0 else cursor
                else:
                    cursor = start + len(str(child.attrs.get("href", "")))
            elif kind == "link_open":
                start = content.find("[", cursor)
                cursor = cursor if start < 0 else start + 1
            elif kind == "link_close":
                close = content.find("]", cursor)
                cursor = self._skip_target(content, close + 1 if close >= 0 else cursor)
            elif child.markup and kind.endswith(("_open", "_close")):  # emphasis, strong, strikethrough
                at = content.find(child.markup, cursor)
                if 0 <= at < cursor + _LOOKAHEAD:
                    cursor = at + len(child.markup)
            i += 1

    def _text(self, text: str, content: str, where: list[int], cursor: int) -> int:
        """Emit a text child, each character at its place in the raw content."""
        offsets = []
        for ch in text:
            entity = _ENTITY.match(content, cursor)
            if entity and _unescape(entity.group()) == ch:  # &nbsp; &amp; &#8212;: placed at the '&'
                offsets.append(where[cursor])
                cursor = entity.end()
                continue
            at = content.find(ch, cursor, cursor + _LOOKAHEAD)
            if at < 0:  # a character the raw text spells otherwise (an entity): at the cursor
                offsets.append(where[min(cursor, len(where) - 1)])
                continue
            offsets.append(where[at])
            cursor = at + 1
        self.out.add_mapped(text, offsets)
        return cursor

    @staticmethod
    def _skip_target(content: str, at: int) -> int:
        """Past a link's target: ``(url "title")``, ``[ref]`` or nothing (a shortcut reference)."""
        if at < len(content) and content[at] == "(":
            depth = 0
            for k in range(at, len(content)):
                ch = content[k]
                if ch == "\\":
                    continue
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        return k + 1
            return len(content)
        if at < len(content) and content[at] == "[":
            close = content.find("]", at)
            return close + 1 if close >= 0 else len(content)
        return at

    # -- blocks ------------------------------------------------------------------------------

    def run(self, skip_lines: int) -> tuple[str, Sequence[int]]:
        parse_lines = [""] * skip_lines + self.lines[skip_lines:]  # front matter: blank, so lines keep their numbers
        tokens = _markdown().parse("\n".join(parse_lines))
        out = self.out
        item_prefix: str | None = None
        item_line = 0
        heading_level = 0
        in_row = False
        first_cell = True
        row_cursor: list[int] = [0]
        for k, tok in enumerate(tokens):
            kind = tok.type
            if kind == "list_item_open":
                item_prefix = (tok.info + tok.markup) if tok.info else tok.markup
                item_line = tok.map[0] if tok.map else 0
            elif kind == "heading_open":
                heading_level = int(tok.tag[1])
                line = tok.map[0] if tok.map else 0
                start = self.starts[line] + len(self.lines[line]) - len(self.lines[line].lstrip())
                out.add("#" * heading_level, start, contiguous=False)
            elif kind == "paragraph_open" and item_prefix is not None:
                source = self.lines[item_line]
                start = self.starts[item_line] + len(source) - len(source.lstrip())
                out.add(item_prefix + " ", start, contiguous=False)
                item_prefix = None
            elif kind == "tr_open":
                in_row = True
                first_cell = True
                row_cursor = [0]
            elif kind in ("th_open", "td_open") and in_row:
                # A row is "| cell | cell |", as the document model knows a table.
                line = tok.map[0] if tok.map else 0
                where = self.starts[line] + row_cursor[0]
                out.add("| " if first_cell else " | ", where, contiguous=False)
                first_cell = False
            elif kind == "inline":
                line = tok.map[0] if tok.map else 0
                if heading_level and tok.content:
                    out.add(" ", out.offsets[-1] if out.offsets else 0, contiguous=False)
                self.inline(tok, line, row_cursor if in_row else None)
            elif kind == "heading_close":
                heading_level = 0
                self._end_block("\n\n")
            elif kind == "paragraph_close":
                self._end_block("\n" if tok.hidden else "\n\n")
            elif kind == "tr_close":
                in_row = False
                out.add(" |", out.offsets[-1] + 1 if out.offsets else 0, contiguous=False)
                self._end_block("\n")
            elif kind in ("table_close", "bullet_list_close", "ordered_list_close", "blockquote_close"):
                self._end_block("\n\n")
            elif kind == "html_block" and tok.map and tok.content.lstrip().startswith("<!--"):
                first, last = tok.map[0], tok.map[1] - 1
                while last > first and not self.lines[last].strip():
                    last -= 1
                start = self.starts[first]
                end = self._line_end(last)
                out.add(self.text[start:end], start)
                self._end_block("\n\n")
            # fence, code_block, hr, other html_block: not prose
        return out.finish(len(self.text))

    def _end_block(self, separator: str) -> None:
        self.out.separate(separator)


def extract(text: str) -> tuple[str, SourceMap]:
    """The checked text of Markdown source *text*, and the map back to it."""
    extractor = _Extractor(text)
    checked, offsets = extractor.run(front_matter_lines(extractor.lines))
    return checked, SourceMap(text, offsets, "markdown")


def read(data: bytes, path: str, encoding: str | None = None) -> "Document":
    """A Markdown file as the document to check, with the map back to the file."""
    from pressqa.model.document import decode

    source, codec, bom = decode(data, path, encoding)
    return document(source, path, codec, bom)


def document(source: str, path: str, encoding: str = "utf-8", bom: bytes = b"") -> "Document":
    """The document to check for Markdown *source* (already decoded)."""
    from pressqa.model.document import Document

    checked, mapping = extract(source)
    doc = Document(checked, path=path, encoding=encoding, bom=bom)
    doc.source = mapping
    return doc
