"""What the clause checks share: the paragraph kinds they read and the word shapes they match."""

from __future__ import annotations

from pressqa.checks import kinds_of


#: Running prose: where a clause must be whole.
PROSE = kinds_of("body", "caption", "label")
#: A transcript's turns: spoken grammar, repetitions and cut-offs are faithful there, but a full
#: stop the transcriber typed in mid-sentence is not ("the road ahead. and we did").
SPEECH = kinds_of("speech")

#: A word of letters, then letters, digits, apostrophes or hyphens (``Ferrer-Salas``, ``don’t``).
WORD = r"[^\W\d_][\w’'-]*"
#: What may close a sentence after its end mark: quotation marks and brackets.
CLOSERS = r"[\"'”’)\]]*"
