"""Inputs: Markdown, HTML and Word files are checked as the prose a reader sees, and findings are
reported at the source file's own line and column (tests/inputs/ holds the fixtures)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressqa import inputs
from pressqa.cli.main import cli
from pressqa.model.sourcemap import SourceMap

HERE = Path(__file__).parent / "inputs"
RULES = "missing-space-after-punctuation,doubled-word"


def findings(path: Path | str, *extra: str) -> list[tuple[int, int, int, int, str]]:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--select", RULES, "--format", "json", *extra, str(path)])
    assert result.exit_code in (0, 1), result.output + result.stderr
    data = json.loads(result.stdout)
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"])
            for file in data["files"] for f in file["findings"]]


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_positions_are_the_files():
    assert findings(HERE / "release.md") == [
        (7, 39, 7, 50, "missing-space-after-punctuation"),  # Armenia,and
        (8, 22, 8, 29, "doubled-word"),  # the the (after an inline code span)
        (9, 16, 9, 25, "missing-space-after-punctuation"),  # link text is prose: [the full text,here]
        (20, 9, 20, 18, "missing-space-after-punctuation"),  # a list item
        (21, 21, 21, 33, "missing-space-after-punctuation"),  # inside *emphasis*
    ]


def test_markdown_leaves_out_what_is_not_prose():
    doc = inputs.read((HERE / "release.md").read_bytes(), "release.md")
    for not_prose in ("foo,bar", "Front matter", "a,b", "example.org", "code,block", "indented,code",
                      "html,block", "chart,one", "img/", "x,y", "t,u"):
        assert not_prose not in doc.text, not_prose
    assert "the full text,here" in doc.text  # link text is
    assert "the \ufffc the" in doc.text  # an inline code span is one object character: not a doubled word
    assert doc.text.startswith("# Secretary meets")  # a heading keeps its mark for the document model


def test_markdown_inline_code_is_not_flagged():
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "--isolated", "--ignore", "languagetool", "-", "--stdin-filename", "a.md"],
                           input="Set `foo,bar` in the file and run it.\n")
    assert result.exit_code == 0, result.output
    same_as_text = runner.invoke(cli, ["check", "--isolated", "--ignore", "languagetool", "-", "--stdin-filename", "a.txt"],
                                 input="Set `foo,bar` in the file and run it.\n")
    assert "missing-space-after-punctuation" in same_as_text.output  # plain text has no code spans


def test_markdown_suppression_directive_keeps_working():
    # The directive's next source line is suppressed (line 29 of the fixture is not reported).
    assert all(line != 29 for line, *_ in findings(HERE / "release.md"))


def test_markdown_fix_writes_the_file_byte_for_byte(tmp_path):
    source = ("---\r\ntitle: a,b\r\n---\r\n# Heading\r\n\r\nSee **Armenia,and** [the report](http://a,b) here,there. "
              "Run `x,y` now.\r\n\r\n- item,one\r\n")
    path = tmp_path / "r.md"
    path.write_bytes(source.encode("utf-8"))
    result = CliRunner().invoke(cli, ["fix", "--isolated", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode("utf-8") == source.replace("Armenia,and", "Armenia, and").replace(
        "here,there", "here, there").replace("item,one", "item, one")
    assert f"{path}:6:7: fixed [missing-space-after-punctuation]" in result.stdout


def test_markdown_fix_never_edits_across_markup():
    from pressqa.model.document import Document  # noqa: F401
    from pressqa.inputs.markdown import document

    doc = document("Talks **ended**,and more.\n", "a.md")
    # "ended" and "," are the file's characters, but "**" lies between them: not one unbroken run.
    start = doc.text.index("ended")
    assert doc.source.source_range(start, start + 6, doc.text) is None
    assert doc.source.source_range(start, start + 5, doc.text) == (8, 13)


# -- HTML ---------------------------------------------------------------------------------------


def test_html_fragment_finds_the_slip_at_its_source_place():
    assert findings(HERE / "fragment.html") == [(2, 4, 2, 15, "missing-space-after-punctuation")]


def test_html_page_keeps_only_the_release():
    assert findings(HERE / "page.html") == [
        (15, 25, 15, 36, "missing-space-after-punctuation"),  # inside a link, after an entity on the line above
        (16, 10, 16, 21, "missing-space-after-punctuation"),
        (16, 40, 16, 47, "doubled-word"),
        (19, 19, 19, 28, "missing-space-after-punctuation"),
    ]
    doc = inputs.read((HERE / "page.html").read_bytes(), "page.html")
    for chrome in ("Home,Page", "News,Room", "Related,stories", "Copyright", "Readout", "font-family", "var x",
                   "foo,bar"):
        assert chrome not in doc.text, chrome
    assert "WASHINGTON — The talks" in doc.text and "agreed & signed" in doc.text  # entities decoded


def test_html_text_report_shows_the_source_line(tmp_path):
    result = CliRunner().invoke(cli, ["check", "--isolated", "--select", RULES, "--show-source",
                                      str(HERE / "fragment.html")])
    assert "fragment.html:2:4: error [missing-space-after-punctuation]" in result.output
    assert "    <p>Armenia,and Georgia agreed.</p>\n       ^^^^^^^^^^^" in result.output


def test_html_in_another_declared_encoding(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 talks,and more.</p></body></html>'
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("cp1252"))
    assert findings(path) == [(1, 63, 1, 72, "missing-space-after-punctuation")]


def test_html_role_main_and_no_landmark():
    from pressqa.inputs.html import extract

    text, _ = extract('<nav>Menu,here</nav><div role="main"><div><p>Kept,one</p></div><p>Kept two.</p></div>'
                      '<div>After,main</div>')
    assert "Kept,one" in text and "Kept two." in text and "Menu" not in text and "After" not in text
    text, _ = extract("<body><header>Site,name</header><p>Body,text</p><footer>Foot,er</footer></body>")
    assert text.strip() == "Body,text"


# -- Word ---------------------------------------------------------------------------------------


@pytest.fixture
def word_file(tmp_path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Secretary Meets Armenian Foreign Minister", 1)  # paragraph 1
    document.add_paragraph("WASHINGTON, Oct. 4, 2022")  # 2
    document.add_paragraph("")  # 3: empty, still counted
    document.add_paragraph("The talks ended on time. Armenia,and Georgia agreed.")  # 4
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one,two"  # 5
    table.cell(0, 1).text = "Cell three"  # 6
    document.add_paragraph("They met again the the next day.")  # 7
    path = tmp_path / "release.docx"
    document.save(path)
    return path


def test_docx_line_is_the_paragraph_and_column_the_character(word_file):
    assert findings(word_file) == [
        (4, 26, 4, 37, "missing-space-after-punctuation"),
        (5, 6, 5, 13, "missing-space-after-punctuation"),
        (7, 16, 7, 23, "doubled-word"),
    ]


def test_docx_in_a_folder_is_checked(word_file, tmp_path):
    assert [f[0] for f in findings(tmp_path)] == [4, 5, 7]


def test_docx_that_is_not_a_zip_is_one_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pressqa: {path}: not a readable .docx file (")
    assert "No findings" not in result.output


# -- fix refuses, folders report what they skip, unsupported files ------------------------------------


@pytest.mark.parametrize("name", ["fragment.html", "release.docx"])
def test_fix_refuses_formats_it_cannot_write_back(name, tmp_path, word_file):
    path = tmp_path / name
    if name.endswith(".html"):
        shutil.copy(HERE / name, path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["fix", "--isolated", str(path)])
    assert result.exit_code == 2
    assert f"pressqa: {path}: cannot fix a" in result.stderr
    assert "it cannot be written back byte for byte" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["scan.pdf", "photo.png", "old.doc"])
def test_unsupported_file_named_directly(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\x00\x01")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pressqa: {path}: unsupported file type {path.suffix} (")
    assert "No findings" not in result.stdout  # not a clean bill after an input error


def test_folder_reports_what_it_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    for name in ("x.pdf", "y.pdf", "p.png", "data.json", ".hidden"):
        (tmp_path / name).write_bytes(b"x")
    result = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "pressqa: skipped 2 .pdf files in folders: unsupported file type .pdf (a PDF)",
        "pressqa: skipped 1 .json file in folders: not matched by the include patterns "
        "*.txt, *.md, *.markdown, *.html, *.htm, *.docx",
        "pressqa: skipped 1 .png file in folders: unsupported file type .png (an image)",
    ]
    assert CliRunner().invoke(cli, ["check", "--isolated", "-q", str(tmp_path)]).stderr == ""


# -- the map itself -----------------------------------------------------------------------------


def test_source_map_positions():
    source = "ab\r\ncd\nef"
    mapping = SourceMap(source, [0, 1, 4, 5, 7, 8, 9], "markdown")  # "abcdef" checked
    assert mapping.position(0) == (1, 1)
    assert mapping.position(2) == (2, 1)
    assert mapping.position(5) == (3, 2)
    assert mapping.end_position(6, 4) == (3, 3)
    assert mapping.line_text(2) == "cd"
    assert mapping.line_text(9) == ""


def test_the_map_of_a_read_file_is_compact_and_ends_where_the_source_does():
    md = "# Title\r\n\nSome *emphasis* here and a [link](http://x.org).\n\n- item one\n- item two\n"
    html = "<html><body><main><h1>Title</h1><p>Some <b>bold</b> &amp; more.</p></main></body></html>"
    for name, source in (("r.md", md), ("r.html", html)):
        doc = inputs.read(source.encode(), name)
        assert doc.source is not None
        offsets = doc.source.offsets
        assert offsets.itemsize == 4 and doc.source.line_starts.itemsize == 4  # arrays, not lists of ints
        assert len(offsets) == len(doc.text) + 1 and offsets[-1] == len(source)
        for word in ("Title", "emphasis", "bold", "item two", "link"):
            at = doc.text.find(word)
            if at >= 0:
                assert doc.source.is_verbatim(at, at + len(word), doc.text) or name.endswith(".html")
                assert source[offsets[at]:offsets[at] + len(word)] == word


def test_plain_text_has_no_map():
    doc = inputs.read(b"Plain,text.\n", "a.txt")
    assert doc.source is None
    assert inputs.read(b"Plain.\n", "RELEASE").source is None  # no suffix: plain text


def test_markdown_entities_and_escapes_keep_later_positions():
    doc = inputs.read("&nbsp;&nbsp;Caf&eacute; \\*talks\\*,and more.\n".encode(), "a.md")
    assert doc.text.startswith("\xa0\xa0Café *talks*,and")
    at = doc.text.index(",and")
    assert doc.source_position(at) == (1, len("&nbsp;&nbsp;Caf&eacute; \\*talks\\*") + 1)
    assert doc.source_position(doc.text.index("é")) == (1, len("&nbsp;&nbsp;Caf") + 1)  # at its '&'


def test_from_text_for_an_editor_buffer():
    """What a language server or the web page has is text, not bytes: the same reading."""
    md = inputs.from_text("Run `a,b` now,then.\n", "draft.md")
    assert md.source is not None and "a,b" not in md.text
    page = inputs.from_text("<p>One,two</p>\n", "draft.html")
    assert page.text.strip() == "One,two" and page.source_position(0) == (1, 4)
    assert inputs.from_text("Plain,text\n", "draft.txt").source is None
