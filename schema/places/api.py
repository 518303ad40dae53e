"""Places: the communes a postal code serves, for the place fields of postings and profiles."""

from __future__ import annotations

import re

import strawberry

from matching.communes import Commune, communes_named, communes_of_postal_code
from schema.permissions import IsAuthenticated
from server.kit.errors import BadInput

_POSTAL_CODE = re.compile(r"^\d{5}$")
MAX_TOWN_RESULTS = 20


@strawberry.type(name="Commune", description="Commune (ou arrondissement de Paris, Lyon, Marseille).")
class CommuneType:
    code: str = strawberry.field(description="Code INSEE de la commune (ex. 75108 pour Paris 8e).")
    name: str = strawberry.field(description="Nom officiel (Code officiel géographique de l'INSEE).")
    postal_code: str = strawberry.field(description="Code postal à cinq chiffres.")
    departement: str = strawberry.field(description="Département (code INSEE : 75, 2A, 971…).")

    @classmethod
    def of(cls, commune: Commune) -> CommuneType:
        return cls(
            code=commune.insee,
            name=commune.name,
            postal_code=commune.postal_code,
            departement=commune.departement,
        )


@strawberry.type
class PlaceQueries:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Communes desservies par un code postal, par ordre alphabétique (un code postal peut "
        "en desservir plusieurs : à faire choisir) ; liste vide pour un code qui n'en dessert aucune.",
    )
    def communes(self, postal_code: str) -> list[CommuneType]:
        code = postal_code.strip()
        if not _POSTAL_CODE.match(code):
            raise BadInput("Code postal invalide : 5 chiffres.")
        return [CommuneType.of(commune) for commune in communes_of_postal_code(code)]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Communes dont le nom commence comme le texte saisi (casse, accents et St/Ste "
        "ignorés), noms exacts d'abord : pour un lieu donné par sa ville sans code postal.",
    )
    def search_communes(self, name: str, first: int = 10) -> list[CommuneType]:
        text = name.strip()
        if len(text) < 2 or len(text) > 100:
            raise BadInput("Nom de commune : de 2 à 100 caractères.")
        if not 1 <= first <= MAX_TOWN_RESULTS:
            raise BadInput(f"`first` : de 1 à {MAX_TOWN_RESULTS}.")
        return [CommuneType.of(commune) for commune in communes_named(text, first)]
