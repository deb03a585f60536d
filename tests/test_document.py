"""The document model: decoding, positions, paragraphs and sentences.

Character offsets into the decoded text are the truth; lines and columns
(1-based, columns in code points) are derived from them.  Line endings, a BOM,
tabs and characters outside the BMP must never shift a position.
"""

from __future__ import annotations

import pytest

from pressqa.model.document import Document, decode
from pressqa.errors import InputError


def pos(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    """The (line, column) of the *nth* occurrence of *needle* in the document."""
    offset = -1
    for _ in range(nth + 1):
        offset = doc.text.index(needle, offset + 1)
    return doc.position(offset)


# -- positions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, needle, expected",
    [
        pytest.param("one\ntwo\nthree", "three", (3, 1), id="LF"),
        pytest.param("one\r\ntwo\r\nthree", "three", (3, 1), id="CRLF"),
        pytest.param("one\rtwo\rthree", "three", (3, 1), id="lone CR"),
        pytest.param("one\r\ntwo\rthree\nfour", "four", (4, 1), id="mixed endings"),
        pytest.param("one\r\n\r\n\r\nfour x", "x", (4, 6), id="blank CRLF lines"),
        pytest.param("\tindented x", "x", (1, 11), id="tab is one column"),
        pytest.param("a\t\tb", "b", (1, 4), id="two tabs"),
        pytest.param("🎉 Launch x", "x", (1, 10), id="emoji is one column"),
        pytest.param("𝐁𝐨𝐥𝐝 x", "x", (1, 6), id="mathematical letters outside the BMP"),
        pytest.param("👩‍👩‍👧 family x", "x", (1, 14), id="ZWJ sequence counts its code points"),
        pytest.param("Cafe\u0301 x", "x", (1, 7), id="combining accent is its own code point"),
        pytest.param("Café x", "x", (1, 6), id="precomposed accent"),
        pytest.param("中文 x", "x", (1, 4), id="wide characters are one column"),
        pytest.param("line\n\n🎉\r\n\tthe x", "x", (4, 6), id="all of it together"),
    ],
)
def test_position(text, needle, expected):
    doc = Document(text)
    assert pos(doc, needle) == expected
    line, column = expected
    assert doc.offset(line, column) == text.index(needle)


def test_position_at_the_ends():
    doc = Document("ab\r\ncd")
    assert doc.position(0) == (1, 1)
    assert doc.position(2) == (1, 3)  # the CR ends line 1
    assert doc.position(3) == (1, 4)  # so does the LF of the pair
    assert doc.position(4) == (2, 1)
    assert doc.position(len(doc.text)) == (2, 3)  # just past the end
    assert doc.position(10_000) == (2, 3)  # clamped, never an exception
    assert doc.position(-5) == (1, 1)


def test_end_position_of_a_span():
    doc = Document("ab\ncd")
    assert doc.end_position(2, 0) == (1, 3)
    assert doc.end_position(5, 3) == (2, 3)
    assert doc.end_position(1, 1) == (1, 2)  # an empty span ends where it starts


def test_line_text_drops_line_endings():
    doc = Document("first\r\nsecond\rthird\nfourth")
    assert [doc.line_text(n) for n in range(1, doc.line_count + 1)] == ["first", "second", "third", "fourth"]


def test_line_count_with_trailing_newline():
    assert Document("a\nb\n").line_count == 3
    assert Document("a\nb").line_count == 2
    assert Document("").line_count == 1


# -- decoding --------------------------------------------------------------------------------------

TEXT = "Tab\there 🎉 Café\r\nsecond line\n"


@pytest.mark.parametrize(
    "data, codec, bom",
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", b"", id="UTF-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8", b"\xef\xbb\xbf", id="UTF-8 BOM"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le", b"\xff\xfe", id="UTF-16 LE BOM"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", b"\xfe\xff", id="UTF-16 BE BOM"),
        pytest.param(b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le", b"\xff\xfe\x00\x00", id="UTF-32 LE BOM"),
        pytest.param(b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"), "utf-32-be", b"\x00\x00\xfe\xff", id="UTF-32 BE BOM"),
    ],
)
def test_decoding_with_and_without_bom(data, codec, bom):
    doc = Document.from_bytes(data, "release.txt")
    assert doc.text == TEXT  # the BOM is not part of the text
    assert doc.encoding == codec
    assert doc.bom == bom
    # a BOM does not shift a position: "C" of Café is column 12 of line 1 in every encoding
    assert pos(doc, "Café") == (1, 12)
    assert pos(doc, "second") == (2, 1)


def test_bytes_that_are_not_utf8_name_the_file_and_offset():
    with pytest.raises(InputError) as info:
        Document.from_bytes("Caf".encode() + b"\xe9 au lait", "drafts/latin1.txt")
    message = info.value.render()
    assert message.startswith("drafts/latin1.txt: ")
    assert "0xe9" in message and "offset 3" in message
    assert "--encoding" in message
    assert "\n" not in message


def test_offset_counts_bytes_before_the_bad_one():
    data = "né ".encode("utf-8") + b"\xff"
    with pytest.raises(InputError, match="offset 4"):
        Document.from_bytes(data, "x.txt")


def test_bad_bytes_after_a_bom():
    with pytest.raises(InputError) as info:
        Document.from_bytes(b"\xef\xbb\xbfcaf\xe9", "x.txt")
    assert "0xe9" in info.value.render() and "offset 6" in info.value.render()
    with pytest.raises(InputError, match="offset 2"):
        Document.from_bytes(b"\xff\xfeA", "odd.txt")  # UTF-16 with half a code unit


def test_explicit_encoding_reads_latin1():
    doc = Document.from_bytes(b"Caf\xe9 cr\xe8me", "latin1.txt", encoding="latin-1")
    assert doc.text == "Café crème"
    assert doc.encoding == "latin-1"


def test_explicit_encoding_strips_its_bom():
    doc = Document.from_bytes("\ufeffhello".encode("utf-16"), "x.txt", encoding="utf-16")
    assert doc.text == "hello"


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        Document.from_bytes(b"abc", "x.txt", encoding="klingon")


def test_wrong_explicit_encoding_names_the_byte():
    with pytest.raises(InputError, match=r"0xe9 at offset 3"):
        Document.from_bytes(b"Caf\xe9", "x.txt", encoding="ascii")


@pytest.mark.parametrize(
    "data, encoding, offset",
    [
        pytest.param(b"PNG\x00\x01\x02", None, 3, id="NUL in UTF-8"),
        pytest.param(b"\xef\xbb\xbfab\x00", None, 5, id="NUL after a UTF-8 BOM"),
        pytest.param(b"\xff\xfe" + "a\x00".encode("utf-16-le"), None, 4, id="NUL in UTF-16"),
        pytest.param(b"ab\x00", "latin-1", 2, id="NUL with --encoding"),
    ],
)
def test_binary_file_is_an_input_error(data, encoding, offset):
    with pytest.raises(InputError) as info:
        Document.from_bytes(data, "image.png", encoding=encoding)
    assert info.value.render() == f"image.png: looks like a binary file: NUL byte at offset {offset}"


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\n\r\n", b"   \t \n"])
def test_empty_and_blank_files(data):
    doc = Document.from_bytes(data, "empty.txt")
    assert doc.text.strip() == ""
    assert doc.paragraphs == []
    assert doc.sentences == []


def test_decode_returns_text_codec_and_bom():
    assert decode(b"hi", "x") == ("hi", "utf-8", b"")


# -- paragraphs ------------------------------------------------------------------------------------


def test_paragraph_spans_cover_first_to_last_non_blank_character():
    text = "Headline\r\n\r\n  First para\r\n  goes on.  \r\n \t \r\nSecond para.\n\n\n"
    doc = Document(text)
    paras = doc.paragraphs
    assert [p.text for p in paras] == ["Headline", "First para\r\n  goes on.", "Second para."]
    first = paras[1]
    assert text[first.start:first.end] == first.text
    assert doc.position(first.start) == (3, 3)
    assert doc.position(first.end) == (4, 11)
    assert [text[s.start:s.end] for s in first.lines] == ["First para", "goes on."]
    assert [p.index for p in paras] == [0, 1, 2]
    assert doc.paragraph_at(first.start + 3) is first
    assert doc.paragraph_at(2) is paras[0]
    assert doc.paragraph_at(text.index("\r\n \t")) is None  # between paragraphs


def test_whitespace_only_lines_separate_paragraphs():
    doc = Document("One.\n   \nTwo.\n\t\nThree.")
    assert [p.text for p in doc.paragraphs] == ["One.", "Two.", "Three."]


def test_paragraphs_after_a_bom_and_emoji():
    doc = Document.from_bytes(b"\xef\xbb\xbf" + "🎉 Big news\n\nThe 🎉 party starts at noon.\n".encode(), "x.txt")
    body = doc.paragraphs[1]
    assert doc.position(body.start) == (3, 1)
    assert doc.position(body.end) == (3, 28)
    assert body.sentences[0].text == "The 🎉 party starts at noon."


# -- sentences -------------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    # A leading body paragraph, so the text under test is classified as prose.
    doc = Document("Headline\n\nThe ministers met in Geneva on Monday and talked for hours.\n\n" + text)
    return [s.text for s in doc.paragraphs[-1].sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("The U.S. delegation arrived on time. It left on Friday.",
                     ["The U.S. delegation arrived on time.", "It left on Friday."], id="U.S. mid-sentence"),
        pytest.param("She met Dr. Smith in Geneva. They spoke for an hour.",
                     ["She met Dr. Smith in Geneva.", "They spoke for an hour."], id="Dr."),
        pytest.param("The talks resume Sept. 4 in Geneva. Nothing else changed.",
                     ["The talks resume Sept. 4 in Geneva.", "Nothing else changed."], id="Sept. 4"),
        pytest.param("The deal was signed on Jan. 15, 2026, in Rome. Shares rose.",
                     ["The deal was signed on Jan. 15, 2026, in Rome.", "Shares rose."], id="Jan. 15"),
        pytest.param("Growth was 3.5 percent last year. Inflation fell to 2.1 percent.",
                     ["Growth was 3.5 percent last year.", "Inflation fell to 2.1 percent."], id="3.5"),
        pytest.param("The meeting began at 10 a.m. and ended at noon. Then they left.",
                     ["The meeting began at 10 a.m. and ended at noon.", "Then they left."], id="a.m."),
        pytest.param("They arrived at 5 p.m. The talks began at once.",
                     ["They arrived at 5 p.m.", "The talks began at once."], id="p.m. at a sentence end"),
        pytest.param("The full text of the statement is at https://www.state.gov/readouts/2022.10.04.html for readers. "
                     "It is short.",
                     ["The full text of the statement is at https://www.state.gov/readouts/2022.10.04.html for readers.",
                      "It is short."], id="URL"),
        pytest.param("See https://www.state.gov/readouts/2022.10.04.html for the text. It is short.",
                     ["See https://www.state.gov/readouts/2022.10.04.html for the text.", "It is short."], id="URL in a short paragraph"),
        pytest.param("Reporters may write to press.office@example.gov.uk with questions about the visit. Calls are welcome.",
                     ["Reporters may write to press.office@example.gov.uk with questions about the visit.",
                      "Calls are welcome."], id="e-mail address"),
        pytest.param("President John F. Kennedy spoke in Berlin. He was brief.",
                     ["President John F. Kennedy spoke in Berlin.", "He was brief."], id="initial"),
        pytest.param("The novels of J. R. R. Tolkien sold well. Fans read them.",
                     ["The novels of J. R. R. Tolkien sold well.", "Fans read them."], id="several initials"),
        pytest.param("J. R. R. Tolkien wrote it. Fans read it.",
                     ["J. R. R. Tolkien wrote it.", "Fans read it."], id="paragraph starting with an initial"),
        pytest.param("He holds a Ph.D. in physics. She holds an M.A. degree.",
                     ["He holds a Ph.D. in physics.", "She holds an M.A. degree."], id="Ph.D."),
        pytest.param("Mr. and Mrs. Smith arrived. They sat down.",
                     ["Mr. and Mrs. Smith arrived.", "They sat down."], id="Mr. and Mrs."),
        pytest.param("They met in Washington, D.C., on Monday. It went well.",
                     ["They met in Washington, D.C., on Monday.", "It went well."], id="D.C.,"),
        pytest.param("The talks ended in the U.S. The ministers then flew home.",
                     ["The talks ended in the U.S.", "The ministers then flew home."], id="U.S. at a sentence end"),
        pytest.param("The vote was 5 vs. 4 in the end. It passed.",
                     ["The vote was 5 vs. 4 in the end.", "It passed."], id="vs."),
        pytest.param("Meet at No. 10 Downing Street. Bring an umbrella.",
                     ["Meet at No. 10 Downing Street.", "Bring an umbrella."], id="No. 10"),
        pytest.param("It works for Acme Inc. and its partners. Shares rose.",
                     ["It works for Acme Inc. and its partners.", "Shares rose."], id="Inc. mid-sentence"),
        pytest.param("Is this real? Yes. It is!",
                     ["Is this real?", "Yes.", "It is!"], id="question and exclamation"),
        pytest.param('"We agree," she said. "The plan works."',
                     ['"We agree," she said.', '"The plan works."'], id="quotes"),
        pytest.param("He said: “It works.” Then he left.",
                     ["He said: “It works.”", "Then he left."], id="curly quote closes the sentence"),
        pytest.param("The delegation (led by Amb. Reed) arrived. Talks began.",
                     ["The delegation (led by Amb. Reed) arrived.", "Talks began."], id="Amb. in brackets"),
        pytest.param("It ended... Then silence fell.",
                     ["It ended...", "Then silence fell."], id="ellipsis"),
        pytest.param("The first sentence ends here. The second has no end mark",
                     ["The first sentence ends here.", "The second has no end mark"], id="unterminated last sentence"),
    ],
)
def test_sentence_segmentation(text, expected):
    assert sentences(text) == expected


def test_paragraph_without_end_punctuation_is_its_own_sentence():
    doc = Document("Headline\n\nThe ministers met on Monday.\n\nAt the same time, the minister\n\nThe talks went on.\n")
    texts = [s.text for s in doc.sentences]
    assert "At the same time, the minister" in texts
    cut = next(s for s in doc.sentences if s.text == "At the same time, the minister")
    assert doc.position(cut.start) == (5, 1)
    assert cut.paragraph == 2


def test_lowercase_after_a_full_stop_is_not_a_boundary():
    # the clause check reports "Washington. of the meeting"; segmentation keeps it in one sentence
    assert sentences("Sullivan took part in Washington. of the meeting held between them.") == [
        "Sullivan took part in Washington. of the meeting held between them."
    ]


def test_sentence_spans_point_into_the_original_text():
    text = "Headline\r\n\r\n\tThe 🎉 U.S. team won.  Dr. Reed said so.\r\nIt ended.\r\n"
    doc = Document(text)
    spans = [(s.start, s.end) for s in doc.sentences]
    for sentence, (start, end) in zip(doc.sentences, spans):
        assert text[start:end] == sentence.text
    body = [s for s in doc.sentences if s.paragraph == 1]
    assert [s.text for s in body] == ["The 🎉 U.S. team won.", "Dr. Reed said so.", "It ended."]
    assert [doc.position(s.start) for s in body] == [(3, 2), (3, 24), (4, 1)]


# -- one paragraph a line -----------------------------------------------------------------------

ONE_A_LINE = (
    "Minister Meets Counterpart in Geneva\n"
    "GENEVA, Oct. 4, 2022 — The two foreign ministers met today in Geneva to discuss the text of the peace agreement and the border commission.\n"
    "At the same time, the minister\n"
    "The ministers agreed to continue the talks next month in Brussels, with the participation of the European Union.\n"
)


def test_text_with_no_blank_lines_is_one_paragraph_a_line():
    doc = Document(ONE_A_LINE)
    assert [p.text.split()[0] for p in doc.paragraphs] == ["Minister", "GENEVA,", "At", "The"]
    assert [p.kind for p in doc.paragraphs] == ["headline", "body", "body", "body"]


def test_hard_wrapped_prose_keeps_the_blank_line_rule():
    wrapped = (
        "The two foreign ministers met today in Geneva to discuss the text of\n"
        "the peace agreement and the work of the border commission. They agreed\n"
        "to continue the talks next month in Brussels, with the participation\n"
        "of the European Union and of the United States.\n"
    )
    assert len(Document(wrapped).paragraphs) == 1


def test_markdown_front_matter_is_not_prose():
    doc = Document("---\ntitle: Launch\ntags: [launch,product]\n---\n\n# Acme Launches Rocket\n\nAcme launched its rocket.\n")
    assert [p.kind for p in doc.paragraphs] == ["code", "headline", "body"]


# -- compact storage: lines and sentences are kept as offsets, handed out as records -----------------


_MIXED = ("HEADLINE\r\n\r\nWASHINGTON, Oct. 4 — Dr. Smith met U.S. officials. «Then» he left!\r\n"
          "  A hard-wrapped second line,\tstill the same paragraph.  \r\n\r\n"
          "- first item\n- second item\n\n<!-- pressqa: disable=x -->\nLast one… with 𝒜 astral. Done\rCR line.")


def test_line_starts_are_compact_and_answer_as_a_list_did():
    from pressqa.model.document import _NEWLINE

    doc = Document(_MIXED)
    assert doc.line_starts.itemsize == 4
    assert list(doc.line_starts) == [0] + [m.end() for m in _NEWLINE.finditer(_MIXED)]
    for line in range(1, doc.line_count + 1):
        start = doc.offset(line, 1)
        assert doc.position(start) == (line, 1)
        assert "\n" not in doc.line_text(line) and "\r" not in doc.line_text(line)


def test_lines_and_sentences_are_handed_out_as_records_of_the_paragraph():
    from pressqa.model.segment import split_sentences
    from pressqa.model.spans import Sentence, Span

    doc = Document(_MIXED)
    for para in doc.paragraphs:
        lines = para.lines
        assert lines == para.lines and lines is not para.lines  # a fresh list each time, equal
        assert all(isinstance(span, Span) for span in lines)
        assert lines[0].start == para.start and lines[-1].end == para.end
        for span in lines:  # each line from its first to its last non-blank character
            assert doc.text[span.start:span.end] == doc.text[span.start:span.end].strip() != ""
        sentences = para.sentences
        assert sentences == split_sentences(doc, para)
        assert all(isinstance(s, Sentence) and s.paragraph == para.index for s in sentences)
        assert [s.text for s in sentences] == [doc.text[s.start:s.end] for s in sentences]
    assert doc.sentences == [s for p in doc.paragraphs for s in p.sentences]
    assert len(doc.paragraphs[1].lines) == 2 and len(doc.paragraphs[1].sentences) == 3


def test_a_paragraph_keeps_what_it_is_given():
    from pressqa.model.document import Paragraph
    from pressqa.model.spans import Sentence, Span

    text = "One. Two.\nThree"
    para = Paragraph(0, 0, 15, text, [Span(0, 9), Span(10, 15)])
    assert para.lines == [Span(0, 9), Span(10, 15)] and para.sentences == []
    para.sentences = [Sentence(0, 4, text, 0), Sentence(5, 15, text, 0)]
    assert [s.text for s in para.sentences] == ["One.", "Two.\nThree"]
    para.sentences = [Sentence(0, 15, text, 0)]  # one sentence, the whole paragraph
    assert para.sentences == [Sentence(0, 15, text, 0)]
    foreign = [Sentence(0, 4, "One. other text", 7)]  # another paragraph's or text's: kept as given
    para.sentences = foreign
    assert para.sentences == foreign and para.sentences[0].paragraph == 7
    para.lines = [Span(0, 15)]
    assert para.lines == [Span(0, 15)]
    para.lines = []
    assert para.lines == []
    assert "lines=[]" in repr(para) and para == para
