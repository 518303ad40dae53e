"""Benchmark of the matching engine on synthetic but realistic members and postings.

Prints engine times for one posting against 100k and 1M members (with memory), one member against
10k postings, a full re-match of 10k postings × 100k members, and the speed-up over the per-pair
reference scorer measured in the same run. Not a test: figures depend on the machine.

    .venv/bin/python bench/match.py            # full run (a few minutes)
    .venv/bin/python bench/match.py --quick    # smaller pools, same sections
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.framework import Framework, load_framework
from matching.scoring import (
    MemberPool,
    MemberProfile,
    PostingCriteria,
    PostingPool,
    match_member,
    match_posting,
    score_pair,
)
from matching.scoring.geo import departements

TODAY = date(2027, 1, 4)
T = TypeVar("T")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
CONTRACTS = ("cdi", "cdd", "interim", "alternance", "stage", "freelance")
OFFERS = ("strategic_support", "upskilling", "mission", "mentoring")


class Synthetic:
    """Members and postings drawn from the framework, with French-looking distributions.

    Members mostly hold their occupation's competencies around its levels plus a few others;
    départements are weighted towards Île-de-France and big cities, as the federation's members are.
    """

    def __init__(self, framework: Framework, seed: int) -> None:
        self.rng = random.Random(seed)
        self.occupations = framework.occupations
        self.competency_ids = [c.id for c in framework.competencies]
        self.departements = [d.code for d in departements()]
        heavy = {
            "75": 12,
            "92": 8,
            "93": 5,
            "94": 5,
            "91": 4,
            "78": 4,
            "95": 3,
            "77": 4,
            "69": 7,
            "13": 6,
            "59": 6,
            "33": 4,
            "31": 4,
            "44": 4,
            "67": 3,
            "06": 3,
            "34": 3,
            "35": 3,
        }
        self.dep_weights = list(accumulate(heavy.get(code, 1) for code in self.departements))

    def _departement(self) -> str:
        return self.rng.choices(self.departements, cum_weights=self.dep_weights)[0]

    def _some(self, seq: Sequence[str], weights: Sequence[float]) -> list[str]:
        """A random subset whose size is drawn with `weights` (index = size)."""
        size = self.rng.choices(range(len(weights)), weights=weights)[0]
        return self.rng.sample(list(seq), size)

    def member(self, i: int) -> MemberProfile:
        rng = self.rng
        occ = rng.choice(self.occupations)
        past = [r.occupation_id for r in occ.related if rng.random() < 0.3]
        comps: dict[str, int] = {}
        for c in occ.competencies:
            if rng.random() < 0.75:
                comps[c.competency_id] = min(4, max(1, c.level + rng.randint(-1, 1)))
        for cid in rng.sample(self.competency_ids, rng.randint(1, 4)):
            comps.setdefault(cid, rng.randint(1, 3))
        langs = {}
        if rng.random() < 0.7:
            langs["en"] = CEFR[rng.randint(1, 5)]
        if rng.random() < 0.15:
            langs[rng.choice(("es", "de", "it"))] = CEFR[rng.randint(0, 4)]
        freelance = rng.random() < 0.12
        return MemberProfile(
            member_id=f"m{i}",
            visibility=rng.choices(("hidden", "anonymous", "visible"), weights=(8, 62, 30))[0],
            occupation_ids=(occ.id, *past),
            competencies=comps,
            languages=langs,
            departement=self._departement(),
            mobility_departements=frozenset(self._some(self.departements, (6, 3, 1))),
            mobility_radius_km=float(rng.choice((0, 15, 30, 50, 100))),
            remote_preference=rng.choices(("none", "partial", "full"), weights=(30, 55, 15))[0],
            accepted_contracts=frozenset(self._some(CONTRACTS, (50, 20, 20, 10))),  # type: ignore[arg-type]
            working_time=rng.choices((None, "full", "part"), weights=(50, 40, 10))[0],
            experience_years=float(rng.randint(0, 30)),
            salary_expectation=None if rng.random() < 0.25 else rng.randint(24, 55) * 1000.0,
            daily_rate=rng.randint(25, 60) * 10.0 if freelance else None,
            available_from=None if rng.random() < 0.6 else TODAY + timedelta(days=rng.randint(0, 150)),
            offers=frozenset(self._some(OFFERS, (75, 18, 7))),  # type: ignore[arg-type]
        )

    def members(self, n: int, offset: int = 0) -> Iterator[MemberProfile]:
        return (self.member(offset + i) for i in range(n))

    def posting(self, i: int) -> PostingCriteria:
        rng = self.rng
        occ = rng.choice(self.occupations)
        own = rng.sample(occ.competencies, len(occ.competencies))
        n_required = rng.randint(4, 8)
        required = {c.competency_id: c.level for c in own[:n_required]}
        nice = {
            c.competency_id: max(1, c.level - 1) for c in own[n_required : n_required + rng.randint(0, 3)]
        }
        need = rng.random() < 0.15
        langs = {"en": rng.choice(("B1", "B2", "C1"))} if rng.random() < 0.3 else {}
        low = rng.randint(24, 45) * 1000.0
        return PostingCriteria(
            posting_id=f"p{i}",
            kind="need" if need else "role",
            need_kind=rng.choice(OFFERS) if need else None,  # type: ignore[arg-type]
            occupation_id=None if need else occ.id,
            required_competencies=required,
            nice_competencies=nice,
            languages=langs,
            departement=self._departement(),
            full_remote=rng.random() < 0.07,
            remote_days=rng.randint(0, 2),
            contract_type=None if need else rng.choices(CONTRACTS, weights=(50, 25, 10, 7, 3, 5))[0],  # type: ignore[arg-type]
            working_time=None if need else rng.choices(("full", "part"), weights=(85, 15))[0],
            min_experience_years=float(rng.randint(0, 7)),
            salary_min=None if need else low,
            salary_max=None if need else low + 6000,
            daily_rate_max=rng.randint(30, 70) * 10.0 if need else None,
            start_date=TODAY + timedelta(days=rng.randint(0, 90)),
        )

    def postings(self, n: int) -> list[PostingCriteria]:
        return [self.posting(i) for i in range(n)]


class Clock:
    """Wall and CPU time of a block: the machine is shared, CPU time shows the engine's own cost."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def per_item_ms(fn: Callable[[T], object], items: Sequence[T]) -> tuple[float, float, float]:
    """Median wall, max wall and median CPU time of `fn` over `items`, in ms."""
    walls, cpus = [], []
    for item in items:
        with Clock() as clock:
            fn(item)
        walls.append(clock.wall * 1000)
        cpus.append(clock.cpu * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<48} {value:>30}   {target}")


def verdict(value: float, limit: float, unit: str, higher_is_better: bool = False) -> str:
    ok = value >= limit if higher_is_better else value <= limit
    return f"target {'≥' if higher_is_better else '≤'} {limit:,.1f} {unit}: {'OK' if ok else 'MISSED'}"


def one_posting(
    pool: MemberPool, probes: dict[str, list[PostingCriteria]], target_ms: float
) -> dict[str, float]:
    """Times per kind of posting; returns the median CPU ms of each kind."""
    cpu_ms = {}
    for kind, postings in probes.items():
        match_posting(pool, postings[0])  # warm-up
        wall, worst, cpu = per_item_ms(lambda p: match_posting(pool, p), postings)
        line(
            f"one {kind} posting vs {len(pool):,} members",
            f"{wall:6.1f} ms (max {worst:6.1f}), CPU {cpu:6.1f} ms",
            verdict(wall, target_ms, "ms"),
        )
        cpu_ms[kind] = cpu
    tracemalloc.start()
    match_posting(pool, probes["full-remote"][0])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    line("  working memory of one match (tracemalloc peak)", f"{peak / 2**20:7.1f} MB")
    return cpu_ms


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller pools (20k/200k members, 1k postings)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n_small, n_large, n_postings = (20_000, 200_000, 1_000) if args.quick else (100_000, 1_000_000, 10_000)

    fw = load_framework()
    synth = Synthetic(fw, args.seed)
    print(
        f"Matching engine benchmark — {'quick' if args.quick else 'full'} run, seed {args.seed}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    postings = synth.postings(n_postings)
    sample_members = list(synth.members(200, offset=10_000_000))
    located = [p for p in postings if not p.full_remote][:50]
    probes = {"located": located, "full-remote": [replace(p, full_remote=True) for p in located[:20]]}

    with Clock() as clock:
        members = list(synth.members(n_small))
    line(f"generate {n_small:,} members", f"{clock.wall:7.1f} s")
    with Clock() as clock:
        pool = MemberPool.build(members, fw)
    line(f"build pool of {n_small:,} members", f"{clock.wall:7.1f} s")
    line("  pool arrays", f"{pool.nbytes / 2**20:7.1f} MB")
    engine_cpu_ms = one_posting(pool, probes, 100.0 * n_small / 100_000)

    # the per-pair reference scorer on a sample of the same pairs, in the same run
    pairs = [(m, p) for p in located[:10] for m in members[:300]]
    with Clock() as clock:
        for m, p in pairs:
            score_pair(m, p, fw)
    per_pair_us = clock.cpu / len(pairs) * 1e6
    per_posting_ms = per_pair_us * n_small / 1000
    line("per-pair reference scorer (CPU)", f"{per_pair_us:7.1f} µs/pair")
    line(f"  one posting vs {n_small:,}, pair by pair", f"{per_posting_ms:7.0f} ms")
    for kind, cpu in engine_cpu_ms.items():
        ratio = per_posting_ms / cpu
        line(f"  engine speed-up, {kind} postings (CPU)", f"{ratio:7.0f} ×", verdict(ratio, 100, "×", True))
    del members

    with Clock() as clock:
        posting_pool = PostingPool.build(postings, fw)
    line(f"build posting pool of {n_postings:,}", f"{clock.wall:7.2f} s")
    match_member(posting_pool, sample_members[0])
    wall, worst, cpu = per_item_ms(lambda m: match_member(posting_pool, m), sample_members[:50])
    line(f"one member vs {n_postings:,} postings", f"{wall:6.1f} ms (max {worst:6.1f}), CPU {cpu:6.1f} ms")

    matches = 0
    with Clock() as clock:
        for posting in postings:
            matches += len(match_posting(pool, posting))
    pairs_per_s = n_postings * n_small / clock.wall
    target = 60.0 * (n_postings * n_small) / (10_000 * 100_000)
    line(
        f"full re-match {n_postings:,} × {n_small:,}",
        f"{clock.wall:7.1f} s, CPU {clock.cpu:6.1f} s",
        verdict(clock.wall, target, "s"),
    )
    line("  throughput", f"{pairs_per_s / 1e6:7.0f} M pairs/s")
    line("  matches kept (top 200, score ≥ 40)", f"{matches:>10,}")

    del pool
    gc.collect()
    with Clock() as clock:
        large = MemberPool.build(synth.members(n_large), fw)
    line(f"generate and build pool of {n_large:,} members", f"{clock.wall:7.1f} s")
    line("  pool arrays", f"{large.nbytes / 2**20:7.1f} MB")
    one_posting(large, probes, 1000.0 * n_large / 1_000_000)
    peak = rss_mb()
    line("peak resident memory of the whole run", f"{peak:7.0f} MB", verdict(peak, 2048, "MB"))


if __name__ == "__main__":
    main()
