"""Age limits in a posting's wording: a corpus of real phrasings, refused or accepted (L1132-1).

Every phrasing goes through `updateRole` as a description, the way a recruiter writes it; the
near-misses (experience, tenure, a company's age, headcounts) must pass.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.postings_helpers import UPDATE_ROLE, create_role, partner_user
from tests.support import gql

AGE_LIMITS = [
    "Vous avez moins de 30 ans souhaité·e.",
    "Moins de 30 ans pour rejoindre l'équipe.",
    "Moins de 30 ans impérativement",
    "Candidat·e de moins de 28 ans",
    "Vous avez moins de 30 ans.",
    "Moins de trente ans, motivé·e.",
    "Plus de 50 ans s'abstenir",
    "Profil 25-35 ans",
    "Idéalement 25 à 35 ans idéalement",
    "Âge : 25/30 ans",
    "Entre 25 et 35 ans, vous aimez le contact.",
    "Entre vingt et trente ans de préférence",
    "45 ans maximum.",
    "45 ans max pour ce poste",
    "30 ans au plus",
    "Maximum 45 ans",
    "Au plus 40 ans au moment de l'embauche",
    "Pas plus de 35 ans",
    "Âgé·e de 25 ans environ",
    "Âge maximum : 40 ans",
    "Âge idéal 30 ans",
    "Limite d'âge : 50 ans.",
    "Tranche d'âge 25-35",
    "Né·e après 1990",
    "Vous êtes jeune et dynamique.",
    "Profil jeune recherché",
    "Idéalement une jeune femme.",
    "Vous êtes jeune et motivé·e",
    "Nous cherchons une jeune assistante",
    "Jeune recrue bienvenue",
    "Vous êtes dans la trentaine",
    "Candidat·e de la vingtaine",
    "Junior de moins de 26 ans",
    "Profil junior (20-25 ans)",
    "Candidat·e de 18 à 25 ans",
    "Avoir 25 ans au moins",
    "25 ans et moins",
    "Âgée de moins de 40 ans",
    "30 ans ou moins, CDI",
    "Moins de 30 ans obligatoirement pour le contrat aidé",
    "Vous avez 25 ans et l'envie d'apprendre",
    "Ayant entre 20 et 30 ans",
]
ACCEPTED = [
    "Vous avez plus de 10 ans d'expérience.",
    "10 ans minimum d'expérience en cabinet.",
    "5 ans d'expérience minimum.",
    "Expérience de 10 à 15 ans sur un poste similaire",
    "Plus de 15 ans dans l'assistanat de direction",
    "Plus de 25 ans en cabinet d'avocats",
    "Entreprise de moins de 50 salariés",
    "Créée il y a moins de 5 ans, notre start-up grandit.",
    "Créée il y a moins de 15 ans",
    "Depuis plus de 30 ans au service des TPE",
    "Plus de 20 ans d'existence",
    "Une trentaine de collaborateurs et collaboratrices",
    "Une jeune entreprise en croissance",
    "Jeune diplômé·e accepté·e.",
    "Assistant·e junior, première expérience",
    "CDD de 18 mois renouvelable",
    "Nos 40 ans d'histoire",
    "Vous justifiez de plus de 12 ans de pratique",
    "Mission de plus de 12 mois",
    "Ancienneté de plus de 10 ans appréciée",
    "Vous cumulez plus de 10 ans comme assistant·e",
    "Entre 10 et 15 ans d'expérience",
    "Équipe de 25 à 30 personnes",
    "Salaire selon expérience : 30 à 35 k€",
    "Vous totalisez 15 ans au sein d'un service RH",
]


async def test_the_age_corpus(client: httpx.AsyncClient, session_factory: Any) -> None:
    assert len(AGE_LIMITS) + len(ACCEPTED) >= 60
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    wrong: list[tuple[str, list[str]]] = []
    for text, refused in [(t, True) for t in AGE_LIMITS] + [(t, False) for t in ACCEPTED]:
        body = await gql(client, UPDATE_ROLE, {"id": role["id"], "input": {"description": text}}, token)
        codes = [error["code"] for error in body["data"]["updateRole"]["errors"]]
        if ("AGE_CRITERION" in codes) != refused:
            wrong.append((text, codes))
    assert wrong == []
