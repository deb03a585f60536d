"""Transcripts and their speakers: which paragraphs are speech (pressqa.model.structure) and whose
words each holds (pressqa.analysis.voices)."""

from __future__ import annotations

from pressqa.analysis.voices import RELEASE, voices
from pressqa.model.document import Document


def kinds_and_voices(text: str) -> list[tuple[str, str]]:
    doc = Document(text, path="t.txt")
    spoken = voices(doc)
    return [(para.kind, spoken[para.index]) for para in doc.paragraphs]


BRIEFING = """\
Department Press Briefing

MR PRICE: Good afternoon. We continue to work toward a ceasefire.

QUESTION: Thank you. Is the work towards a ceasefire making progress?

MR. PRICE: Yes.

It goes on every day, and we will say more soon.

QUESTION: A different question: what about the sanctions?
"""


def test_a_briefing_is_speech_with_one_voice_per_named_speaker_and_per_question() -> None:
    assert kinds_and_voices(BRIEFING) == [
        ("headline", RELEASE),
        ("speech", "MR PRICE"),
        ("speech", "QUESTION #2"),
        ("speech", "MR PRICE"),  # a short turn, and MR. PRICE is MR PRICE
        ("speech", "MR PRICE"),  # the turn goes on to the next label
        ("speech", "QUESTION #5"),  # each question may be another journalist
    ]


INTERVIEW = """\
Transatlantic Trends Launch Event

The event opened with a welcome from the foundation's director.

Alexandra de Hoop Scheffer: Thank you so much for being with us today.

Deputy Secretary of State Sherman: Well, I think Alexandra, it is a pleasure to be here.

And the alliance has never been stronger than it is now.

Alexandra de Hoop Scheffer: Let me turn to China, then. What do you expect?

ERT: A quick question from the roundtable, if we may.

Deputy Secretary of State Sherman: We expect a frank conversation, and we will have one.
"""


def test_an_interview_with_labels_written_as_names_is_a_transcript() -> None:
    assert kinds_and_voices(INTERVIEW) == [
        ("headline", RELEASE),
        ("body", RELEASE),  # the release's own prose before the first turn
        ("speech", "ALEXANDRA DE HOOP SCHEFFER"),
        ("speech", "DEPUTY SECRETARY OF STATE SHERMAN"),
        ("speech", "DEPUTY SECRETARY OF STATE SHERMAN"),
        ("speech", "ALEXANDRA DE HOOP SCHEFFER"),
        ("speech", "ERT"),  # a lone capitals label, one turn of the interview
        ("speech", "DEPUTY SECRETARY OF STATE SHERMAN"),
    ]


def test_labels_that_open_sentences_do_not_make_a_transcript() -> None:
    release = """\
Ministers Meet in Brussels

Note: The ministers met on Monday to discuss the energy market and its prices.

Background: The talks began in 2021 and have met every quarter since then.

Note: A joint statement will follow on Tuesday, after the second session.

The ministers agreed to meet again in June.
"""
    assert {kind for kind, _ in kinds_and_voices(release)} == {"headline", "body"}
    # one label that opens two turns is not two people taking turns
    single = INTERVIEW.replace("Deputy Secretary of State Sherman:", "Sherman said:")
    assert "speech" not in {kind for kind, _ in kinds_and_voices(single)}


def test_a_release_is_one_voice() -> None:
    assert {voice for _, voice in kinds_and_voices("The ministers met.\n\nThey agreed.\n")} == {RELEASE}
