"""Postal code and département fields, checked together (partners, postings and profiles share them)."""

from __future__ import annotations

from server.kit.errors import ErrorCode, IssueCollector
from server.kit.identifiers import (
    departement_of_postal_code,
    is_valid_departement,
    is_valid_postal_code,
    normalise_departement,
)


def clean_place(values: dict[str, object], issues: IssueCollector) -> None:
    """Normalise `postal_code` / `departement` in `values`; the département follows the postal code."""
    postal = values.get("postal_code")
    if isinstance(postal, str):
        postal = postal.strip() or None
        values["postal_code"] = postal
        if postal is not None and not is_valid_postal_code(postal):
            issues.add("postalCode", "Code postal invalide : 5 chiffres.", ErrorCode.INVALID_POSTAL_CODE)
            postal = None
    departement = values.get("departement")
    if isinstance(departement, str):
        departement = normalise_departement(departement) or None
        values["departement"] = departement
        if departement is not None and not is_valid_departement(departement):
            issues.add(
                "departement", f"Département inconnu : « {departement} ».", ErrorCode.INVALID_DEPARTEMENT
            )
            return
    if isinstance(postal, str):
        derived = departement_of_postal_code(postal)
        if not is_valid_departement(derived):
            issues.add(
                "postalCode",
                "Ce code postal ne correspond à aucun département.",
                ErrorCode.INVALID_POSTAL_CODE,
            )
        elif isinstance(departement, str) and departement != derived:
            issues.add(
                "departement",
                f"Le code postal {postal} est dans le département {derived}, pas {departement}.",
                ErrorCode.DEPARTEMENT_MISMATCH,
            )
        else:
            values["departement"] = derived
