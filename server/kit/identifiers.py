"""French identifiers: SIREN, SIRET, NAF codes, postal codes and départements."""

from __future__ import annotations

import re

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"  # the one La Poste SIRET that follows Luhn
_NAF = re.compile(r"^\d{2}\.\d{2}[A-Z]$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
DEPARTEMENTS = frozenset(
    [f"{number:02d}" for number in range(1, 96) if number != 20]
    + ["2A", "2B"]
    + [str(number) for number in range(971, 977)]
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def compact(value: str) -> str:
    """Remove the spaces and dots people type in identifiers ("552 100 554", "552.100.554")."""
    return re.sub(r"[\s.]", "", value)


def is_valid_siren(siren: str) -> bool:
    return len(siren) == 9 and siren.isdigit() and luhn_valid(siren)


def is_valid_siret(siret: str) -> bool:
    """Luhn over the 14 digits, except La Poste whose establishments use a digit sum divisible by 5."""
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_valid(siret)


def is_valid_naf(code: str) -> bool:
    return _NAF.match(code) is not None


def is_valid_postal_code(code: str) -> bool:
    return _POSTAL_CODE.match(code) is not None and code != "00000"


def departement_of_postal_code(code: str) -> str:
    """The département a postal code belongs to (Corsica 20xxx → 2A/2B, overseas 97x)."""
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def normalise_departement(value: str) -> str:
    text = value.strip().upper()
    return text.zfill(2) if text.isdigit() and len(text) == 1 else text


def is_valid_departement(code: str) -> bool:
    return code in DEPARTEMENTS
