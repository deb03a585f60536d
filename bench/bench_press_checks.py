#!/usr/bin/env python3
"""Time the press checks (name variants, titles, truncation, clauses) on a 1,000-word release.

Run by hand:  .venv/bin/python bench/bench_press_checks.py [FILE]

Prints, in milliseconds, the best of several runs of: building the document
model (paragraphs, sentences), each press rule on its own (each with a fresh
per-document context, so the shared name/title analysis is counted in every
line), and all the press rules together, which is what a check adds to a run.
Then the cost in a fresh process: ``pressqa check`` on the file with the press
rules against the same with them ignored (start-up, imports, word lists).
The target (issue 3): the four press checks together add at most 20 ms to a
1,000-word release.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PRESS = ("truncation", "name-consistency", "clause", "title-consistency")

# Extra paragraphs (written for this benchmark) that bring the seed release to about 1,000 words .
EXTRA = """
Prime Minister Rishi Sunak welcomed the President of the United States, Joe Biden, to Downing Street this morning. The Prime Minister and President Biden discussed the Atlantic Declaration and the NATO Summit in Vilnius.

Flight Engineer Jasmin Moghbeli of NASA started her day with plumbing work on the station. Later in the day, Moghbeli was joined by ESA astronaut Andreas Mogensen and JAXA Flight Engineer Satoshi Furukawa for eye exams. Mogensen then harvested plants for the Plant Habitat-03 investigation.

Brooklyn District Attorney Ken Thompson today announced that a woman has been indicted for stealing approximately $300,000 from friends. District Attorney Thompson said the defendant allegedly ripped off people who trusted her. The case was investigated by Detective Gerard Amato and Financial Investigator Vincent Jones.

European Commission President Ursula von der Leyen welcomed the agreement reached by EU member states on the New Pact on Migration and Asylum. Von der Leyen thanked the Spanish presidency, and Spanish Minister of the Interior Fernando Grande-Marlaska in particular, for their work. Commissioner for Home Affairs Ylva Johansson said the rules would take effect in 2026, and French Interior Minister Gérald Darmanin and German Interior Minister Nancy Faeser welcomed the deal.

Chukwuemeka Okonkwo scored twice as the Lions beat the Tigers 3-1 on Saturday at Riverside Stadium. Okonkwo opened the scoring in the 12th minute, heading in a cross from Luis Fernández. Fernández later set up Ryo Nakamura for the second. "It's a great start, but we have a long way to go," said head coach Ingrid Larsen, who praised Nakamura and defender Aleksander Nowak.

Queens District Attorney Melinda Katz today announced that a Jamaica man has been sentenced to 15 years in prison for a string of armed robberies. The defendant was arrested by Police Officer Angela Russo and Detective Brian Kelly of the 103rd Precinct, and Assistant District Attorney Jessica Chen prosecuted the case under the supervision of Assistant District Attorney Robert Lopez, Bureau Chief.

Researchers at the National Institutes of Health and the University of Tokyo found that certain gut bacteria may influence sleep in mice. The team, led by Dr. Akiko Tanaka of the University of Tokyo and Dr. Robert Chen of the National Institute of Mental Health (NIMH), gave mice a strain of Lactobacillus reuteri and measured their sleep over six weeks. "These findings suggest a pathway we had not considered," said Tanaka. Chen noted that the results have not yet been replicated in people, and a clinical trial led by Dr. Sophie Martin at Johns Hopkins University is planned for next year. NIMH Director Joshua Gordon called the study an important first step.

Agriculture Secretary Tom Vilsack announced support for projects in 31 states and the Commonwealth of Puerto Rico. Secretary Vilsack said the funding would help rural communities remain attractive places for job creation, and the U.S. Department of Agriculture will publish the list.
"""


def release(path: str | None) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8")
    seed = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")
    return seed.rstrip() + "\n" + EXTRA


def best(fn, repeat: int = 40) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    from pressqa.packs.config import build_settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    path = sys.argv[1] if len(sys.argv) > 1 else None
    text = release(path)
    words = len(text.split())
    settings = build_settings({}, None)
    press = [r for r in settings.enabled_rules if r.category in PRESS]
    print(f"release: {path or 'samples/seed-release.txt + bench paragraphs'} ({words} words)")

    def model() -> None:
        Document(text).paragraphs

    base = best(model)
    print(f"{'document model':<28}{base:7.2f} ms")
    docs = []

    def run(engine: Engine) -> None:
        doc = Document(text)
        doc.paragraphs
        engine.check(doc)

    for rule in press:
        engine = Engine(settings, select=[rule.id])
        run(engine)  # warm: imports, word lists, compiled data
        ms = best(lambda: run(engine)) - base
        docs.append(ms)
        print(f"{rule.id:<28}{ms:7.2f} ms   ({rule.category})")
    engine = Engine(settings, select=[r.id for r in press])
    run(engine)
    together = best(lambda: run(engine)) - base
    print(f"{'press rules together':<28}{together:7.2f} ms   (target <= 20 ms for 1,000 words; "
          f"{together * 1000 / max(words, 1):.2f} ms per 1,000 words)")

    # A fresh process, as the commit hook runs it: the same check with and without rules.
    if path is None:
        sample = Path("/tmp") / "pressqa-bench-release.txt"
        sample.write_text(text, encoding="utf-8")
        path = str(sample)
    exe = [sys.executable, "-m", "pressqa", "check", "--isolated", "--format", "json", path]
    # As installed, Python keeps compiled modules; a shell that forbids writing them would
    # make every start-up compile pressqa from source and swamp what is measured.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def process(ignore: str, runs: int = 15) -> list[float]:
        args = exe + (["--ignore", ignore] if ignore else [])
        subprocess.run(args, capture_output=True, check=False, env=env)  # warm: .pyc, caches
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False, env=env)
            samples.append((time.perf_counter() - t) * 1000)
        return samples

    full = process("")
    for label, ignore in (
        ("name and title rules", "name-consistency,title-consistency"),
        ("all four press categories", ",".join(PRESS)),
    ):
        without = process(ignore)
        print(f"{'process: ' + label:<40} +{min(full) - min(without):5.1f} ms (best of 15), "
              f"+{statistics.median(full) - statistics.median(without):5.1f} ms (median)")
    print("(the second includes the document model when no other rule needs it)")


if __name__ == "__main__":
    main()
