"""Benchmark of the title normaliser. Run: .venv/bin/python bench/normalize.py [--count 100000]

Prints titles/s for unique noisy titles (single-title loop, batch API, end to end through
`passerelle normalize`), p50/p99 latency of one title, peak memory, framework load time, and the
speed-up over brute-force rapidfuzz WRatio on the same aliases, measured in this run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching import Normaliser, load_framework  # noqa: E402
from matching.framework import DATA_DIR  # noqa: E402

GENDER = ["", " H/F", " (H/F)", " F/H", " (F/H/X)", " h/f", " - H/F"]
CONTRACT = [
    "",
    " - CDI",
    " - CDD 6 mois",
    " (Intérim)",
    " - Alternance",
    " - Temps partiel",
    " - Stage",
    " - CDD 12 mois",
    " - 35h",
]
PLACE = [
    "",
    " - Paris 8e",
    " (75)",
    " - Lyon",
    " - Poste basé à Nantes",
    " - Lille (59)",
    " - Bordeaux",
    " - 92",
    " - Télétravail partiel",
]
EXTRA = [
    "",
    " - URGENT",
    " senior",
    " junior",
    " bilingue anglais",
    " confirmé(e)",
    " - Groupe",
    " - Startup",
    " - secteur BTP",
    " - PME",
]


def _inclusive(alias: str, rng: random.Random) -> str:
    words = alias.split()
    style = rng.choice(["", "(e)", "·e", "fem"])
    if style and words and words[0].endswith(("ant", "ent", "é", "in", "al")):
        words[0] = words[0] + ("e" if style == "fem" else style)
    text = " ".join(words)
    return rng.choice([text, text.capitalize(), text.upper(), text.title()])


def noisy_titles(count: int, seed: int = 7) -> list[str]:
    """`count` unique titles built from the lexicon's aliases plus job-board noise."""
    fw = load_framework()
    ours = [a for o in fw.occupations for a in o.aliases]
    theirs = [a for p in fw.other_professions for a in p.aliases]
    rng = random.Random(seed)
    titles: set[str] = set()
    while len(titles) < count:
        alias = rng.choice(ours) if rng.random() < 0.8 else rng.choice(theirs)
        title = (
            _inclusive(alias, rng)
            + rng.choice(GENDER)
            + rng.choice(EXTRA)
            + rng.choice(CONTRACT)
            + rng.choice(PLACE)
        )
        if rng.random() < 0.05:
            position = rng.randrange(len(title))
            title = title[:position] + title[position + 1 :]  # a typo
        titles.add(title)
    return rng.sample(sorted(titles), count)


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} titles/s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--brute-sample", type=int, default=300)
    args = parser.parse_args()

    started = time.perf_counter()
    framework = load_framework(DATA_DIR)  # a directory bypasses the cache: a real load
    loaded = time.perf_counter()
    Normaliser(framework)
    built = time.perf_counter()
    print(f"framework load (parse + validate)   {loaded - started:.3f} s")
    print(f"normaliser build (indexes)          {built - loaded:.3f} s")
    print(f"load total                          {built - started:.3f} s")

    titles = noisy_titles(args.count)
    print(f"titles                              {len(titles):,} unique noisy titles")

    normaliser = Normaliser(framework)
    latencies: list[int] = []
    clock = time.perf_counter_ns
    cpu_begin = time.process_time()
    begin = time.perf_counter()
    for title in titles:
        t0 = clock()
        normaliser.normalise(title)
        latencies.append(clock() - t0)
    single = time.perf_counter() - begin
    single_cpu = time.process_time() - cpu_begin
    latencies.sort()
    print(
        f"single-title loop                   {_rate(len(titles), single)}"
        f" ({_rate(len(titles), single_cpu)} of CPU time)"
    )
    print(
        f"latency p50 / p99 / max             {latencies[len(latencies) // 2] / 1e6:.3f} / "
        f"{latencies[int(len(latencies) * 0.99)] / 1e6:.3f} / {latencies[-1] / 1e6:.3f} ms"
    )

    batch_normaliser = Normaliser(framework)
    begin = time.perf_counter()
    batch_normaliser.normalise_batch(titles)
    batch = time.perf_counter() - begin
    print(f"batch API                           {_rate(len(titles), batch)}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory (max RSS, this process) {peak_kib / 1024:.0f} MiB")

    payload = ("\n".join(titles) + "\n").encode("utf-8")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "server.framework.commands", "normalize"],
        input=payload,
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    end_to_end = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    lines = done.stdout.count(b"\n")
    if lines != len(titles):
        raise SystemExit(f"passerelle normalize wrote {lines} lines for {len(titles)} titles")
    print(
        f"end to end (passerelle normalize)   {_rate(len(titles), end_to_end)}"
        f" (process start and load included; {child_cpu:.1f} CPU-s over all processes)"
    )
    print(
        f"machine load average (1 min)        {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (wall-clock figures drop when other processes share the cores)"
    )

    aliases = Normaliser(framework)._index.all_alias_texts()
    sample = titles[: args.brute_sample]
    begin = time.perf_counter()
    for title in sample:
        process.extractOne(title, aliases, scorer=fuzz.WRatio, processor=utils.default_process)
    brute = (time.perf_counter() - begin) / len(sample)
    cold = Normaliser(framework)
    begin = time.perf_counter()
    for title in sample:
        cold.normalise(title)
    cold_time = (time.perf_counter() - begin) / len(sample)
    print(f"brute force WRatio over {len(aliases):,} aliases {1 / brute:,.0f} titles/s")
    print(
        f"speed-up vs brute force             {brute / (single / len(titles)):,.0f}x (loop), "
        f"{brute / (end_to_end / len(titles)):,.0f}x (end to end), "
        f"{brute / cold_time:,.0f}x (same {len(sample)} titles, empty cache)"
    )


if __name__ == "__main__":
    main()
