"""Postal code, commune and département fields, checked together (partners, postings, profiles)."""

from __future__ import annotations

from matching.communes import commune, communes_of_postal_code, find_commune
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


def resolve_commune(
    postal_code: object, town: object, commune_code: object, issues: IssueCollector
) -> tuple[str | None, str | None]:
    """(INSEE code, town name) of the place given; the code is None when only the département is known.

    A commune code (chosen from `communes(postalCode)`) wins and must be served by the postal code;
    otherwise the town is looked up among the postal code's communes; a postal code that serves a
    single commune names it alone. A postal code serving several communes with no town given stays
    at the département (coarser distance), as rows written before communes existed.
    """
    postal = postal_code if isinstance(postal_code, str) and is_valid_postal_code(postal_code) else None
    name = town if isinstance(town, str) and town.strip() else None
    if isinstance(commune_code, str) and commune_code.strip():
        chosen = commune(commune_code.strip().upper())
        if chosen is None:
            issues.add("communeCode", f"Commune inconnue : « {commune_code} ».", ErrorCode.UNKNOWN_COMMUNE)
            return None, name
        served = postal is None or find_commune(postal, chosen.name) == chosen
        if not served:
            issues.add(
                "communeCode",
                f"{chosen.name} n'est pas desservie par le code postal {postal}.",
                ErrorCode.COMMUNE_NOT_IN_POSTAL_CODE,
            )
            return None, name
        return chosen.insee, name or chosen.name
    if postal is None:
        return None, name
    found = find_commune(postal, name)
    if found is None and name is not None:
        choices = ", ".join(c.name for c in communes_of_postal_code(postal)[:5])
        issues.add(
            "commune",
            f"« {name} » n'est pas desservie par le code postal {postal}"
            + (f" (communes : {choices}…)." if choices else "."),
            ErrorCode.COMMUNE_NOT_IN_POSTAL_CODE,
        )
        return None, name
    if found is None:
        return None, None
    return found.insee, name or found.name


def apply_commune(values: dict[str, object], state: dict[str, object], issues: IssueCollector) -> None:
    """Resolve the commune when the place changes; a chosen commune also fills postal code and département.

    `values` are the cleaned provided fields, `state` the row as it will be (both updated in place).
    """
    if not any(key in values for key in ("postal_code", "commune", "commune_code")):
        return
    # a stored town name goes with the stored postal code: a new postal code or a chosen commune replaces it
    kept = "postal_code" not in values and "commune_code" not in values
    town = values["commune"] if "commune" in values else (state.get("commune") if kept else None)
    code, town = resolve_commune(state.get("postal_code"), town, values.get("commune_code"), issues)
    values["commune_code"], values["commune"] = code, town
    chosen = None if code is None else commune(code)
    if chosen is not None:
        # the commune's own département wins: a few postal codes belong to a neighbouring one
        values["departement"] = chosen.departement
        if state.get("postal_code") is None:
            values["postal_code"] = chosen.postal_code
    state.update(values)
