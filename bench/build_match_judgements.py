"""Writes tests/data/match_judgements.json: postings, profiles and a recruiter's grade for every pair.

The grades come from the written recruiter criteria below (`RUBRIC`, copied into the file), applied
to each (posting, profile) pair by `grade()`. This script does not import the engine
(`matching.scoring`): it reads the framework's typical competencies (to write believable profiles)
and the communes (to measure distances), nothing else. It was run once, before the engine was run on
the set; the JSON is the reference, this script says how it was made.

    .venv/bin/python bench/build_match_judgements.py
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from matching.communes import communes, distance_km
from matching.framework import load_framework

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "match_judgements.json"
FW = load_framework()
START = date(2027, 3, 1)

RUBRIC = {
    "how": (
        "Each (posting, profile) pair was graded 0–3 from the recruiter criteria below, written first, "
        "then applied pair by pair by bench/build_match_judgements.py, which does not use the matching "
        "engine (it reads the framework's typical competencies to write the profiles and the communes "
        "to measure distances). The grades were written to this file before the engine was run on it."
    ),
    "deal_breakers": [
        "on-site or hybrid role farther from home than the member's radius (own département when none)",
        "a required language below the CEFR level asked",
        "a contract type the member refuses",
        "a part-time seeker on a full-time role; a full-remote seeker on an on-site role",
        "pay expectation more than 20 % above the posting's maximum",
        "available more than 60 days after the start date",
        "a must-have competency below the level asked",
        "a need whose kind of support the member does not offer",
    ],
    "soft_mismatches": [
        "pay expectation above the maximum (up to 20 %)",
        "available after the start date (up to 60 days)",
        "a full-time seeker on a part-time role",
        "an on-site seeker on a fully remote role",
        "fewer years of experience than asked",
    ],
    "coverage": (
        "share of the required competencies the member has at the level asked (one level below counts "
        "half); a declared CEFR level counts for the language competency (A1–A2 1, B1 2, B2 3, C1–C2 4)"
    ),
    "trade": (
        "same occupation (for a need: offers that kind of support); close: same family of trades "
        "(FAMILIES); other: anything else"
    ),
    "grades": {
        "0": "would not contact: a deal-breaker, or another trade without most of the competencies",
        "1": "might consider: same trade with 40 % (whatever the soft mismatches), close trade with half "
        "the competencies, or another trade with 90 %",
        "2": "would call: same trade with 60 % and no soft mismatch, or 80 % and one; close trade with "
        "80 % and no soft mismatch",
        "3": "would call first: same trade, 80 % of the required competencies, no soft mismatch",
    },
}
FAMILIES = [
    {
        "assistant_direction",
        "office_manager",
        "assistant_equipe",
        "assistant_projet",
        "charge_mission_direction",
    },
    {
        "secretaire",
        "agent_administratif",
        "assistant_gestion_administrative",
        "assistant_equipe",
        "secretaire_technique",
    },
    {"charge_accueil", "standardiste", "telesecretaire", "assistant_virtuel"},
    {"secretaire_medical", "telesecretaire", "secretaire"},
    {"assistant_comptable", "secretaire_comptable", "secretaire_facturier", "assistant_controle_budgetaire"},
    {"assistant_rh", "gestionnaire_paie"},
    {
        "assistant_commercial",
        "assistant_adv",
        "assistant_service_clients",
        "assistant_import_export",
        "assistant_achats",
    },
    {"secretaire_mairie", "secretaire_scolaire", "agent_administratif"},
    {"assistant_juridique", "secretaire"},
]
CEFR_LEVEL = {"A1": 1, "A2": 1, "B1": 2, "B2": 3, "C1": 4, "C2": 4}
CEFR_RANK = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
LANGUAGE_COMPETENCY = {
    "en": "anglais_professionnel",
    "es": "espagnol_professionnel",
    "de": "allemand_professionnel",
}


def typical(occupation: str) -> dict[str, int]:
    return {c.competency_id: c.level for c in FW.occupation(occupation).competencies}


def role(pid: str, occupation: str, commune: str | None, **over: Any) -> dict[str, Any]:
    levels = typical(occupation)
    posting: dict[str, Any] = {
        "posting_id": pid,
        "occupation_id": occupation,
        "required_competencies": {c: lvl for c, lvl in levels.items() if lvl >= 3},
        "nice_competencies": {c: lvl for c, lvl in levels.items() if lvl < 3},
        "commune": commune,
        "full_remote": commune is None,
        "remote_days": 0,
        "contract_type": "cdi",
        "working_time": "full",
        "salary_max": 36_000,
        "start_date": START.isoformat(),
        "languages": {},
        "must_have": [],
    }
    posting.update(over)
    return posting


POSTINGS = [
    role(
        "assistant-direction-paris",
        "assistant_direction",
        "75108",
        remote_days=2,
        salary_max=45_000,
        languages={"en": "B2"},
        must_have=["gestion_agenda"],
        note="Paris 8e, hybride, anglais B2",
    ),
    role(
        "import-export-bilingue-lyon",
        "assistant_import_export",
        "69383",
        salary_max=38_000,
        languages={"en": "C1"},
        note="rôle bilingue anglais C1, Lyon 3e, sur site",
    ),
    role(
        "secretaire-medicale-bordeaux",
        "secretaire_medical",
        "33063",
        working_time="part",
        contract_type="cdd",
        salary_max=30_000,
        note="temps partiel, Bordeaux",
    ),
    role("assistant-comptable-lille", "assistant_comptable", "59350", salary_max=34_000, note="Lille"),
    role(
        "telesecretaire-remote",
        "telesecretaire",
        None,
        contract_type="freelance",
        salary_max=None,
        daily_rate_max=260,
        note="télétravail total, freelance",
    ),
    {
        "posting_id": "appui-strategique-nantes",
        "kind": "need",
        "need_kind": "strategic_support",
        "occupation_id": None,
        "required_competencies": {"conduite_changement": 3, "gestion_projet": 3, "ia_generative": 2},
        "nice_competencies": {"deploiement_outil_numerique": 2},
        "commune": "44109",
        "full_remote": False,
        "remote_days": 2,
        "start_date": START.isoformat(),
        "languages": {},
        "must_have": [],
        "daily_rate_max": 550,
        "note": "besoin d'appui stratégique : intégrer l'équipe d'assistanat à un projet IA, Nantes",
    },
    role("assistant-rh-toulouse", "assistant_rh", "31555", salary_max=35_000, note="Toulouse"),
    role("accueil-marseille", "charge_accueil", "13201", salary_max=26_000, note="Marseille 1er, sur site"),
    role("secretaire-mairie-epinal", "secretaire_mairie", "88160", salary_max=30_000, note="Épinal (Vosges)"),
    role("adv-grenoble", "assistant_adv", "38185", remote_days=1, salary_max=33_000, note="Grenoble"),
    role(
        "office-manager-boulogne",
        "office_manager",
        "92012",
        remote_days=1,
        salary_max=48_000,
        note="Boulogne-Billancourt",
    ),
    role(
        "assistant-juridique-strasbourg", "assistant_juridique", "67482", salary_max=35_000, note="Strasbourg"
    ),
    {
        "posting_id": "formation-ia-remote",
        "kind": "need",
        "need_kind": "upskilling",
        "occupation_id": None,
        "required_competencies": {"ia_generative": 3, "animer_formation": 3},
        "nice_competencies": {"concevoir_formation": 2},
        "commune": None,
        "full_remote": True,
        "remote_days": 0,
        "start_date": START.isoformat(),
        "languages": {},
        "must_have": [],
        "daily_rate_max": 600,
        "note": "montée en compétences IA générative, à distance",
    },
]
# Homes near each posting (first) and a little farther (second), for the profiles written around it.
HOMES = {
    "assistant-direction-paris": ("75115", "78646"),
    "import-export-bilingue-lyon": ("69386", "69266"),
    "secretaire-medicale-bordeaux": ("33063", "33281"),
    "assistant-comptable-lille": ("59350", "59512"),
    "telesecretaire-remote": ("87085", "29019"),
    "appui-strategique-nantes": ("44109", "44190"),
    "assistant-rh-toulouse": ("31555", "31069"),
    "accueil-marseille": ("13206", "13001"),
    "secretaire-mairie-epinal": ("88160", "88413"),
    "adv-grenoble": ("38185", "38421"),
    "office-manager-boulogne": ("92012", "75116"),
    "assistant-juridique-strasbourg": ("67482", "67218"),
    "formation-ia-remote": ("35238", "21231"),
}
NEIGHBOURS = {  # another trade of the same region, for the wrong-profession profiles
    "assistant_direction": "secretaire_medical",
    "assistant_import_export": "assistant_comptable",
    "secretaire_medical": "assistant_adv",
    "assistant_comptable": "charge_accueil",
    "telesecretaire": "assistant_controle_budgetaire",
    "assistant_rh": "assistant_commercial",
    "charge_accueil": "assistant_rh",
    "secretaire_mairie": "assistant_import_export",
    "assistant_adv": "secretaire_mairie",
    "office_manager": "secretaire_comptable",
    "assistant_juridique": "standardiste",
}

CLOSE = {  # a neighbouring trade of the same family, for the close-trade profiles
    "assistant_direction": "office_manager",
    "assistant_import_export": "assistant_adv",
    "secretaire_medical": "telesecretaire",
    "assistant_comptable": "secretaire_comptable",
    "telesecretaire": "standardiste",
    "assistant_rh": "gestionnaire_paie",
    "charge_accueil": "standardiste",
    "secretaire_mairie": "agent_administratif",
    "assistant_adv": "assistant_commercial",
    "office_manager": "assistant_direction",
    "assistant_juridique": "secretaire",
}


def profile(
    mid: str, occupation: str | None, commune: str | None, rng: random.Random, **over: Any
) -> dict[str, Any]:
    levels = typical(occupation) if occupation else {}
    member: dict[str, Any] = {
        "member_id": mid,
        "occupation_ids": [occupation] if occupation else [],
        "competencies": levels,
        "languages": {"en": rng.choice(["B1", "B2", "C1"])},
        "commune": commune,
        "mobility_radius_km": rng.choice([20, 30, 40]),
        "remote_preference": rng.choice(["none", "partial", "partial"]),
        "accepted_contracts": [],
        "working_time": None,
        "experience_years": rng.choice([2, 4, 6, 10]),
        "salary_expectation": None,
        "daily_rate": None,
        "available_from": None,
        "offers": [],
    }
    member.update(over)
    return member


def build_profiles() -> list[dict[str, Any]]:
    rng = random.Random(14)
    out: list[dict[str, Any]] = []
    for posting in POSTINGS:
        pid = posting["posting_id"]
        near, far = HOMES[pid]
        occupation = posting["occupation_id"]
        asked = {**posting["nice_competencies"], **posting["required_competencies"]}
        languages = {code: "C1" for code in posting["languages"]} or {"en": "B2"}
        if occupation is None:  # needs: independents who offer the support, and one who does not
            offers = [posting["need_kind"]]
            out += [
                profile(
                    f"{pid}:expert",
                    "charge_mission_direction",
                    near,
                    rng,
                    competencies={**typical("charge_mission_direction"), **asked},
                    offers=offers,
                    daily_rate=posting["daily_rate_max"] - 50,
                    languages=languages,
                ),
                profile(
                    f"{pid}:capable",
                    "assistant_projet",
                    far,
                    rng,
                    competencies={
                        **typical("assistant_projet"),
                        **{c: max(1, lvl - 1) for c, lvl in asked.items()},
                    },
                    offers=offers,
                    daily_rate=posting["daily_rate_max"],
                    languages=languages,
                ),
                profile(
                    f"{pid}:no-offer",
                    "assistant_direction",
                    near,
                    rng,
                    competencies={**typical("assistant_direction"), **asked},
                    offers=[],
                    languages=languages,
                ),
                profile(
                    f"{pid}:pricey",
                    "office_manager",
                    near,
                    rng,
                    competencies={**typical("office_manager"), **asked},
                    offers=offers,
                    daily_rate=int(posting["daily_rate_max"] * 1.5),
                    languages=languages,
                ),
                profile(
                    f"{pid}:beginner",
                    "secretaire",
                    near,
                    rng,
                    competencies=typical("secretaire"),
                    offers=offers,
                    languages=languages,
                ),
            ]
            continue
        salary: int | None = posting.get("salary_max")
        rate: int = posting.get("daily_rate_max") or 0
        money = {"salary_expectation": salary - 1000} if salary else {"daily_rate": rate - 20}
        out += [
            profile(f"{pid}:strong", occupation, near, rng, languages=languages, **money),
            profile(
                f"{pid}:good-far",
                occupation,
                far,
                rng,
                languages=languages,
                mobility_radius_km=60,
                competencies={
                    **typical(occupation),
                    **{c: lvl - 1 for c, lvl in list(posting["required_competencies"].items())[:3]},
                },
            ),
            profile(
                f"{pid}:late-pricey",
                occupation,
                near,
                rng,
                languages=languages,
                available_from=(START + timedelta(days=30)).isoformat(),
                **(
                    {"salary_expectation": int(salary * 1.08)} if salary else {"daily_rate": int(rate * 1.08)}
                ),
            ),
            profile(
                f"{pid}:weak",
                occupation,
                near,
                rng,
                languages=languages,
                competencies={c: 1 for c in list(typical(occupation))[:4]},
            ),
            profile(
                f"{pid}:other-trade",
                NEIGHBOURS[occupation],
                near,
                rng,
                languages=languages,
                remote_preference="partial",
                salary_expectation=(salary or 30_000) - 5000,
            ),
            profile(
                f"{pid}:close-trade",
                CLOSE[occupation],
                far,
                rng,
                languages=languages,
                mobility_radius_km=60,
                competencies={**typical(CLOSE[occupation]), **posting["required_competencies"]},
                **money,
            ),
            profile(
                f"{pid}:pricey",
                occupation,
                near,
                rng,
                languages=languages,
                **({"salary_expectation": int(salary * 1.3)} if salary else {"daily_rate": int(rate * 1.3)}),
            ),
        ]
    # deal-breakers and near misses around a few postings
    out += [
        profile(
            "dealbreaker:part-time",
            "assistant_direction",
            "75115",
            rng,
            working_time="part",
            languages={"en": "C1"},
        ),
        profile("dealbreaker:full-remote", "assistant_comptable", "59350", rng, remote_preference="full"),
        profile("dealbreaker:far", "assistant_rh", "81004", rng, mobility_radius_km=10),
        profile("dealbreaker:english", "assistant_import_export", "69383", rng, languages={"en": "B1"}),
        profile("dealbreaker:cdi-refused", "charge_accueil", "13206", rng, accepted_contracts=["freelance"]),
        profile(
            "dealbreaker:very-late",
            "office_manager",
            "92012",
            rng,
            available_from=(START + timedelta(days=120)).isoformat(),
        ),
        profile(
            "nearmiss:must-have",
            "assistant_direction",
            "75116",
            rng,
            languages={"en": "C1"},
            competencies={**typical("assistant_direction"), "gestion_agenda": 2},
        ),
        profile(
            "nearmiss:onsite-remote", "telesecretaire", "87085", rng, remote_preference="none", daily_rate=200
        ),
        profile("old-row:departement", "secretaire_mairie", None, rng, departement="88"),
    ]
    return out


def _distance(member: dict[str, Any], posting: dict[str, Any]) -> float | None:
    if posting["commune"] is None:
        return None
    if member.get("commune"):
        return distance_km(communes()[member["commune"]], communes()[posting["commune"]])
    return 0.0 if member.get("departement") == communes()[posting["commune"]].departement else 1e9


def _levels(member: dict[str, Any]) -> dict[str, int]:
    levels = dict(member["competencies"])
    for code, cefr in member["languages"].items():
        if code in LANGUAGE_COMPETENCY:
            levels[LANGUAGE_COMPETENCY[code]] = max(
                levels.get(LANGUAGE_COMPETENCY[code], 0), CEFR_LEVEL[cefr]
            )
    return levels


def _asked(posting: dict[str, Any]) -> dict[str, int]:
    asked = dict(posting["required_competencies"])
    for code, cefr in posting["languages"].items():
        if LANGUAGE_COMPETENCY.get(code) in asked:
            asked[LANGUAGE_COMPETENCY[code]] = CEFR_LEVEL[cefr]
    return asked


def deal_breakers(member: dict[str, Any], posting: dict[str, Any]) -> list[str]:
    found = []
    distance = _distance(member, posting)
    if distance is not None:
        radius = member["mobility_radius_km"]
        home_dep = member.get("departement") or communes()[member["commune"]].departement
        same_dep = home_dep == communes()[posting["commune"]].departement
        if (radius and distance > radius) or (not radius and not same_dep):
            found.append("place")
    for code, cefr in posting["languages"].items():
        if CEFR_RANK.get(member["languages"].get(code, ""), 0) < CEFR_RANK[cefr]:
            found.append("language")
    if (
        posting.get("contract_type")
        and member["accepted_contracts"]
        and posting["contract_type"] not in member["accepted_contracts"]
    ):
        found.append("contract")
    if member["working_time"] == "part" and posting.get("working_time") == "full":
        found.append("working_time")
    if member["remote_preference"] == "full" and not posting["full_remote"] and posting["remote_days"] == 0:
        found.append("remote")
    for expected, maximum in (
        (member["salary_expectation"], posting.get("salary_max")),
        (member["daily_rate"], posting.get("daily_rate_max")),
    ):
        if expected and maximum and expected > 1.2 * maximum:
            found.append("pay")
    if (
        member["available_from"]
        and posting.get("start_date")
        and (date.fromisoformat(member["available_from"]) - date.fromisoformat(posting["start_date"])).days
        > 60
    ):
        found.append("availability")
    levels, asked = _levels(member), _asked(posting)
    if any(levels.get(c, 0) < asked[c] for c in posting["must_have"]):
        found.append("must_have")
    if posting.get("kind") == "need" and posting["need_kind"] not in member["offers"]:
        found.append("offer")
    return found


def soft_mismatches(member: dict[str, Any], posting: dict[str, Any]) -> int:
    count = 0
    for expected, maximum in (
        (member["salary_expectation"], posting.get("salary_max")),
        (member["daily_rate"], posting.get("daily_rate_max")),
    ):
        if expected and maximum and expected > maximum:
            count += 1
    if (
        member["available_from"]
        and posting.get("start_date")
        and member["available_from"] > posting["start_date"]
    ):
        count += 1
    if member["working_time"] == "full" and posting.get("working_time") == "part":
        count += 1
    if member["remote_preference"] == "none" and posting["full_remote"]:
        count += 1
    return count


def coverage(member: dict[str, Any], posting: dict[str, Any]) -> float:
    asked, levels = _asked(posting), _levels(member)
    if not asked:
        return 1.0
    credit = sum(
        1.0 if levels.get(c, 0) >= lvl else 0.5 if levels.get(c, 0) == lvl - 1 else 0.0
        for c, lvl in asked.items()
    )
    return credit / len(asked)


def trade(member: dict[str, Any], posting: dict[str, Any]) -> str:
    if posting.get("kind") == "need":
        return "same" if posting["need_kind"] in member["offers"] else "other"
    mine = member["occupation_ids"][0] if member["occupation_ids"] else None
    if mine == posting["occupation_id"]:
        return "same"
    if mine and any(mine in family and posting["occupation_id"] in family for family in FAMILIES):
        return "close"
    return "other"


def grade(member: dict[str, Any], posting: dict[str, Any]) -> int:
    if deal_breakers(member, posting):
        return 0
    cov, soft, kind = coverage(member, posting), soft_mismatches(member, posting), trade(member, posting)
    if kind == "same":
        if cov >= 0.8 and soft == 0:
            return 3
        if (cov >= 0.8 and soft == 1) or (cov >= 0.6 and soft == 0):
            return 2
        return 1 if cov >= 0.4 else 0
    if kind == "close":
        if cov >= 0.8 and soft == 0:
            return 2
        return 1 if cov >= 0.5 else 0
    return 1 if cov >= 0.9 else 0


def main() -> None:
    profiles = build_profiles()
    grades = {p["posting_id"]: {m["member_id"]: grade(m, p) for m in profiles} for p in POSTINGS}
    hard = {
        p["posting_id"]: sorted(m["member_id"] for m in profiles if deal_breakers(m, p)) for p in POSTINGS
    }
    data = {
        "rubric": RUBRIC,
        "families": [sorted(f) for f in FAMILIES],
        "postings": POSTINGS,
        "profiles": profiles,
        "grades": grades,
        "hard_rule_breaks": hard,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(POSTINGS)} postings, {len(profiles)} profiles, written to {OUT}")
    print(
        "grades 0–3 over all pairs:",
        [sum(g == k for r in grades.values() for g in r.values()) for k in range(4)],
    )


if __name__ == "__main__":
    main()
