"""How long LanguageTool checking takes: a 700-word release, checked in full against a warm
server, then re-checked after one paragraph is edited (only that paragraph goes to LanguageTool;
the rest comes from the disk cache).  Target: the re-check costs less than 20% of the full check.

Run by hand with a server up (``pressqa languagetool start``) or a url::

    .venv/bin/python bench/bench_languagetool.py [--url http://127.0.0.1:8081] [--rounds 5]

Each round writes a new release (fresh numbers and names in every sentence, so that
LanguageTool's own sentence cache cannot answer for it) and uses a fresh pressqa cache.
Two figures per measure: in-process (the engine running the languagetool rule alone) and
the whole ``pressqa check`` command (interpreter start, imports and the other rules
included, as a commit hook pays them), with the same command without the languagetool
rule for the floor that does not depend on LanguageTool.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Jeyhun", "Ararat", "Olena", "Karen", "Satoshi", "Andreas", "Jasmin", "Loral", "Hikmat", "Armen"]
LAST = ["Bayramov", "Mirzoyan", "Zelenska", "Donfried", "Furukawa", "Mogensen", "Moghbeli", "O'Hara", "Hajiyev", "Grigoryan"]
CITIES = ["Geneva", "Brussels", "Washington", "Vienna", "Prague", "Tbilisi", "Ankara", "Warsaw"]
SENTENCES = [
    "Foreign Minister {name} met Secretary of State Antony Blinken in {city} on {day} to discuss the next round of negotiations.",
    "The ministers agreed to continue work within the framework of the delimitation commission, which last met {n} days ago.",
    "According to the statement, both delegations welcomed the progress made since the meeting in {city} in {month}.",
    "The talks covered border security, trade and transport links, and the return of {n} displaced families.",
    "\"We remain committed to a lasting peace in the region,\" {name} said after the meeting.",
    "Officials said the working groups would present a draft text to the leaders before the end of {month}.",
    "The delegation also visited a training centre where {n} young engineers are preparing for work on the new railway.",
    "Both sides stressed the importance of avoiding military incidents along the line of contact.",
    "A further meeting of the commission is planned in {city} on {day}, the ministry said in a statement.",
    "The European Union has provided {n} million euros in support for de-mining and reconstruction projects.",
    "Experts from {n} countries took part in the technical consultations, which were held behind closed doors.",
    "{name} thanked the hosts for their hospitality and for the constructive atmosphere of the talks.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]


def sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES)
    return template.format(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", city=rng.choice(CITIES),
                           day=rng.choice(DAYS), month=rng.choice(MONTHS), n=rng.randint(2, 9999))


def release(rng: random.Random, words: int = 700) -> tuple[str, list[str]]:
    """A headline, a dateline and body paragraphs of three to five sentences, about *words* long."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        count += len(para.split())
    head = "MINISTERS AGREE TO CONTINUE TALKS ON PEACE TREATY\n\nGENEVA, Oct. 4, 2022\n\n"
    return head + "\n\n".join(paragraphs) + "\n\n###\n", paragraphs


def find_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    from pressqa.backends import ltserver

    state = ltserver.running()
    if state is None or not ltserver.healthy(state.url):
        sys.exit("bench: no LanguageTool server: run 'pressqa languagetool start' or pass --url")
    return state.url


def engine_check(text: str, url: str) -> float:
    from pressqa.packs.config import build_settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    settings = build_settings({"languagetool": {"url": url, "required": True}}, None)
    engine = Engine(settings, select=["languagetool"])
    start = time.perf_counter()
    engine.check(Document(text, "release.txt"))
    return time.perf_counter() - start


def cli_check(path: Path, config: Path, env: dict, *extra: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "-q", "--config", str(config), *extra, str(path)],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode == 2:
        sys.exit(f"bench: pressqa check failed: {proc.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    url = find_url(args.url)
    rng = random.Random(args.seed if args.seed is not None else time.time_ns())

    with tempfile.TemporaryDirectory(prefix="pressqa-bench-") as scratch:
        root = Path(scratch)
        config = root / "pressqa.toml"
        config.write_text(f'[languagetool]\nurl = "{url}"\nrequired = true\n', encoding="utf-8")
        # warm the server with this rule selection, on a text that is not measured
        os.environ["PRESSQA_CACHE_DIR"] = str(root / "warm-cache")
        engine_check(release(rng)[0], url)
        # a commit hook runs with compiled modules: let the command write them once
        cli_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm = root / "warm.txt"
        warm.write_text(release(rng)[0], encoding="utf-8")
        cli_check(warm, config, cli_env)

        figures: dict[str, list[float]] = {"engine full": [], "engine re-check": [], "cli full": [], "cli re-check": [],
                                           "cli without LT": []}
        words = []
        for round_no in range(args.rounds):
            for mode in ("engine", "cli"):
                text, paragraphs = release(rng)
                words.append(len(text.split()))
                cache_dir = root / f"cache-{round_no}-{mode}"
                os.environ["PRESSQA_CACHE_DIR"] = str(cache_dir)
                edited = text.replace(paragraphs[len(paragraphs) // 2],
                                      paragraphs[len(paragraphs) // 2] + " " + sentence(rng), 1)
                if mode == "engine":
                    figures["engine full"].append(engine_check(text, url))
                    figures["engine re-check"].append(engine_check(edited, url))
                else:
                    env = dict(cli_env, PRESSQA_CACHE_DIR=str(cache_dir))
                    # validate the packs into this cache first: that cost is not LanguageTool's
                    headline = root / "headline.txt"
                    headline.write_text("MINISTERS MEET IN GENEVA\n", encoding="utf-8")
                    cli_check(headline, config, env)
                    path = root / f"release-{round_no}.txt"
                    path.write_text(text, encoding="utf-8")
                    figures["cli full"].append(cli_check(path, config, env))
                    path.write_text(edited, encoding="utf-8")
                    figures["cli re-check"].append(cli_check(path, config, env))
                    # the same command without the languagetool rule: start-up and the other rules
                    figures["cli without LT"].append(cli_check(path, config, env, "--ignore", "languagetool"))

    print(f"LanguageTool at {url}; releases of {min(words)}-{max(words)} words, "
          f"{args.rounds} rounds, medians:")
    for name, values in figures.items():
        print(f"  {name:16} {statistics.median(values) * 1000:8.1f} ms")
    median = {name: statistics.median(values) for name, values in figures.items()}
    ratio = median["engine re-check"] / median["engine full"]
    print(f"  re-check / full check (the languagetool rule): {ratio:.1%} "
          f"(target < 20%: {'ok' if ratio < 0.20 else 'OVER TARGET'})")
    floor = median["cli without LT"]
    whole = median["cli re-check"] / median["cli full"]
    share = (median["cli re-check"] - floor) / (median["cli full"] - floor)
    print(f"  whole command: re-check / full check {whole:.1%}; "
          f"without the {floor * 1000:.0f} ms the command takes with no languagetool rule: {share:.1%}")


if __name__ == "__main__":
    main()
