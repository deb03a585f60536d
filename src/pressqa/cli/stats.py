"""``pressqa stats``: words, sentences, paragraphs and readability scores of each release.

The counts are the ones the readability rules use (see :mod:`pressqa.metrics`):
prose only, that is body paragraphs, with pressqa's sentence splitting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import click

from pressqa import __version__
from pressqa.cli.main import EXIT_CLEAN, EXIT_ERROR, run_and_exit
from pressqa.errors import InputError

SCHEMA_VERSION = 1


@dataclass
class FileStats:
    """What ``stats`` reports for one file (``error`` set when it could not be read)."""

    path: str
    error: str | None = None
    document_words: int = 0
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    average_sentence_words: float | None = None
    longest_words: int = 0
    longest_line: int | None = None
    longest_column: int | None = None
    syllables: int | None = None
    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None

    def to_dict(self) -> dict:
        if self.error:
            return {"path": self.path, "error": self.error}
        longest = None
        if self.longest_line is not None:
            longest = {"words": self.longest_words, "line": self.longest_line, "column": self.longest_column}
        return {
            "path": self.path,
            "document_words": self.document_words,
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "average_sentence_words": _round(self.average_sentence_words),
            "longest_sentence": longest,
            "syllables": self.syllables,
            "flesch_reading_ease": _round(self.flesch_reading_ease),
            "flesch_kincaid_grade": _round(self.flesch_kincaid_grade),
        }


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def file_stats(doc) -> FileStats:
    """Measure one document."""
    from pressqa.analysis.metrics import measure_prose, readability_scores

    measure = measure_prose(doc)
    stats = FileStats(
        path=doc.path,
        document_words=measure.document_words,
        words=measure.words,
        sentences=measure.sentence_count,
        paragraphs=len(measure.paragraphs),
        average_sentence_words=measure.average_sentence_words,
    )
    longest = measure.longest_sentence
    if longest is not None:
        stats.longest_words = longest.words
        stats.longest_line, stats.longest_column = doc.source_position(longest.start)
    scores = readability_scores(doc, measure)
    if scores is not None:
        stats.syllables = scores.syllables
        stats.flesch_reading_ease = scores.flesch_reading_ease
        stats.flesch_kincaid_grade = scores.flesch_kincaid_grade
    return stats


def render_text(results: list[FileStats]) -> str:
    """One small table per file."""
    from pressqa.analysis.metrics import ease_band

    blocks = []
    for stats in results:
        if stats.error:
            continue
        rows: list[tuple[str, str]] = [
            ("words", f"{stats.words} in prose ({stats.document_words} in the file)"),
            ("sentences", str(stats.sentences)),
            ("paragraphs", f"{stats.paragraphs} of prose"),
        ]
        if stats.sentences:
            rows.append(("average sentence", f"{stats.average_sentence_words:.1f} words"))
            rows.append(("longest sentence", f"{stats.longest_words} words, line {stats.longest_line}"))
        else:
            rows.append(("average sentence", "-"))
            rows.append(("longest sentence", "-"))
        if stats.flesch_reading_ease is not None and stats.flesch_kincaid_grade is not None:
            rows.append(("Flesch reading ease", f"{stats.flesch_reading_ease:.1f} ({ease_band(stats.flesch_reading_ease)})"))
            rows.append(("Flesch-Kincaid grade", f"{stats.flesch_kincaid_grade:.1f}"))
        else:
            rows.append(("Flesch reading ease", "- (no prose)"))
            rows.append(("Flesch-Kincaid grade", "- (no prose)"))
        width = max(len(label) for label, _ in rows)
        lines = [stats.path]
        for label, value in rows:
            lines.append(f"  {label:<{width}}  {value}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def render_json(results: list[FileStats]) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "pressqa", "version": __version__},
        "files": [stats.to_dict() for stats in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this config file (its include/exclude patterns) instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore config files.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="The name to report for '-' (standard input).")
@click.option("--encoding", default=None, metavar="ENC", help="Read files in this encoding instead of UTF-8/UTF-16/UTF-32 with BOM.")
def stats(paths: tuple[str, ...], fmt: str, config_path: str | None, isolated: bool,
          stdin_filename: str | None, encoding: str | None) -> None:
    """Print words, sentences, paragraphs, sentence lengths and readability scores.

    PATHS are files, directories (searched like 'pressqa check' does) or '-'
    for standard input.  Counts cover prose (body paragraphs), the text the
    readability rules judge.
    """
    run_and_exit(lambda: run_stats(paths, fmt, config_path, isolated, stdin_filename, encoding))


def run_stats(paths, fmt, config_path, isolated, stdin_filename, encoding) -> int:
    from pressqa.packs.config import ConfigResolver
    from pressqa.run.runner import discover, read_target

    resolver = ConfigResolver(config_path, isolated=isolated)
    results: list[FileStats] = []
    errors: list[str] = []
    for target in discover(paths, resolver, stdin_filename):
        if isinstance(target, InputError):
            errors.append(target.render())
            continue
        try:
            doc = read_target(target, encoding)
        except InputError as exc:
            errors.append(exc.render())
            results.append(FileStats(path=target.display, error=exc.render()))
            continue
        results.append(file_stats(doc))
    output = render_json(results) if fmt == "json" else render_text(results)
    click.echo(output, nl=False)
    if not results and not errors:
        # the same notice as 'pressqa check': an empty run must not look like a measured one
        click.echo(f"pressqa: no files to measure in {', '.join(paths)} "
                   "(none match the include patterns, or all are excluded)", err=True)
    for error in errors:
        click.echo(f"pressqa: {error}", err=True)
    return EXIT_ERROR if errors else EXIT_CLEAN
