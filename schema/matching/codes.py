"""The engine's machine codes (exclusions, factors) and live events, as GraphQL enums.

The engine speaks in lower-case strings (`matching/` imports nothing of the API); these enums give the
client a closed, described vocabulary. The values are the engine's strings, so `ExclusionCode("offer")`
maps one to the other, and a test checks that every code the engine knows has its enum value.
"""

from __future__ import annotations

import enum

from schema.enums import expose


class MatchExclusionCode(enum.StrEnum):
    VISIBILITY = "visibility"
    OFFER = "offer"
    LANGUAGE = "language"
    CONTRACT = "contract"
    LOCATION = "location"
    MUST_HAVE = "must_have"
    FIT = "fit"
    PAY = "pay"
    AVAILABILITY = "availability"
    WORKING_TIME = "working_time"
    REMOTE = "remote"


class MatchFactorCode(enum.StrEnum):
    OCCUPATION = "occupation"
    COMPETENCIES = "competencies"
    LOCATION = "location"
    REMOTE = "remote"
    WORKING_TIME = "working_time"
    EXPERIENCE = "experience"
    PAY = "pay"
    AVAILABILITY = "availability"


class MatchUpdateEvent(enum.StrEnum):
    NEW = "new"
    UPDATED = "updated"
    EXPIRED = "expired"
    RESPONSE_INTERESTED = "response_interested"
    RESPONSE_DECLINED = "response_declined"


expose(
    MatchExclusionCode,
    name="MatchExclusionCode",
    description="Critère éliminatoire que le ou la membre ne remplit pas.",
    values={
        MatchExclusionCode.VISIBILITY: "Profil masqué : le ou la membre a choisi de ne pas être proposé·e.",
        MatchExclusionCode.OFFER: "Le ou la membre ne propose pas ce type d'appui (besoins).",
        MatchExclusionCode.LANGUAGE: "Niveau insuffisant dans une langue demandée.",
        MatchExclusionCode.CONTRACT: "Type de contrat que le ou la membre n'accepte pas.",
        MatchExclusionCode.LOCATION: "Poste hors de la zone de mobilité, sans télétravail total.",
        MatchExclusionCode.MUST_HAVE: "Compétence indispensable en dessous du niveau demandé.",
        MatchExclusionCode.FIT: "Métier et compétences sous le plancher d'adéquation (voir le README).",
        MatchExclusionCode.PAY: "Rémunération attendue plus de 20 % au-dessus du maximum de l'annonce.",
        MatchExclusionCode.AVAILABILITY: "Disponible plus de 60 jours après la date de début.",
        MatchExclusionCode.WORKING_TIME: "Temps partiel recherché pour un poste à temps plein.",
        MatchExclusionCode.REMOTE: "Télétravail total recherché pour un poste sur site.",
    },
)
expose(
    MatchFactorCode,
    name="MatchFactorCode",
    description="Facteur pondéré du score de correspondance.",
    values={
        MatchFactorCode.OCCUPATION: "Métier : proximité entre le métier de l'annonce et ceux du profil.",
        MatchFactorCode.COMPETENCIES: "Compétences : niveaux du profil face aux niveaux demandés.",
        MatchFactorCode.LOCATION: "Localisation : distance et zone de mobilité.",
        MatchFactorCode.REMOTE: "Télétravail : politique de l'annonce face à la préférence du profil.",
        MatchFactorCode.WORKING_TIME: "Temps de travail : temps plein ou partiel.",
        MatchFactorCode.EXPERIENCE: "Expérience : années d'expérience face au minimum demandé.",
        MatchFactorCode.PAY: "Rémunération : salaire ou TJM proposé face aux prétentions.",
        MatchFactorCode.AVAILABILITY: "Disponibilité : date de disponibilité face à la date de début.",
    },
)
expose(
    MatchUpdateEvent,
    name="MatchUpdateEvent",
    description="Ce qui vient de se passer sur une correspondance.",
    values={
        MatchUpdateEvent.NEW: "Nouvelle correspondance.",
        MatchUpdateEvent.UPDATED: "Score recalculé après un changement du profil ou de l'annonce.",
        MatchUpdateEvent.EXPIRED: "Correspondance retirée : l'annonce ou le profil ne la permet plus.",
        MatchUpdateEvent.RESPONSE_INTERESTED: "Le ou la membre s'est dit·e intéressé·e.",
        MatchUpdateEvent.RESPONSE_DECLINED: "Le ou la membre a décliné.",
    },
)
