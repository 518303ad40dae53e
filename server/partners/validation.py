"""Validation of a partner company's fields; every broken rule is reported with its field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.kit.errors import ErrorCode, IssueCollector
from server.kit.fields import UNSET, PartialFields
from server.kit.identifiers import (
    compact,
    is_valid_naf,
    is_valid_siren,
    is_valid_siret,
)
from server.kit.places import clean_place
from server.kit.validation import bounded_text
from server.models.partners import PartnerSizeBand


@dataclass
class PartnerFields(PartialFields):
    """The editable fields; on update, attributes left as UNSET are not touched."""

    name: str | object = UNSET
    siren: str | object | None = UNSET
    siret: str | object | None = UNSET
    naf_code: str | object | None = UNSET
    sector: str | object | None = UNSET
    size_band: PartnerSizeBand | object | None = UNSET
    address_line: str | object | None = UNSET
    postal_code: str | object | None = UNSET
    commune: str | object | None = UNSET
    departement: str | object | None = UNSET
    website: str | object | None = UNSET
    tier_code: str | object = UNSET
    start_date: date | object | None = UNSET
    renewal_date: date | object | None = UNSET
    notes: str | object | None = UNSET


def _text(
    values: dict[str, object],
    key: str,
    issues: IssueCollector,
    label: str,
    max_length: int,
    field: str,
    min_length: int = 0,
) -> None:
    if key in values:
        raw = values[key]
        values[key] = bounded_text(
            raw if isinstance(raw, str) else None,
            issues,
            field=field,
            label=label,
            min_length=min_length,
            max_length=max_length,
        )


def clean_partner_fields(fields: PartnerFields, issues: IssueCollector) -> dict[str, object]:
    """Normalise and check what was provided; returns the clean values to apply."""
    values = fields.provided()
    if "name" in values:
        name = bounded_text(
            str(values["name"]), issues, field="name", label="Raison sociale", min_length=2, max_length=160
        )
        values["name"] = name
    if "siren" in values and isinstance(values["siren"], str):
        siren = compact(values["siren"])
        if not is_valid_siren(siren):
            issues.add(
                "siren",
                "SIREN invalide : 9 chiffres avec une clé de contrôle (Luhn) correcte.",
                ErrorCode.INVALID_SIREN,
            )
        values["siren"] = siren
    if "siret" in values and isinstance(values["siret"], str):
        siret = compact(values["siret"]) or None
        if siret is not None and not is_valid_siret(siret):
            issues.add(
                "siret",
                "SIRET invalide : 14 chiffres avec une clé de contrôle correcte.",
                ErrorCode.INVALID_SIRET,
            )
        values["siret"] = siret
    if "naf_code" in values and isinstance(values["naf_code"], str):
        naf = values["naf_code"].strip().upper() or None
        if naf is not None and not is_valid_naf(naf):
            issues.add(
                "nafCode",
                "Code NAF invalide : format attendu NN.NNL, par exemple 62.01Z.",
                ErrorCode.INVALID_NAF,
            )
        values["naf_code"] = naf
    _text(values, "sector", issues, "Secteur", 120, "sector")
    _text(values, "address_line", issues, "Adresse", 200, "addressLine")
    _text(values, "commune", issues, "Commune", 120, "commune")
    _text(values, "website", issues, "Site web", 200, "website")
    if isinstance(values.get("website"), str) and not str(values["website"]).startswith(
        ("http://", "https://")
    ):
        issues.add("website", "Le site web doit commencer par http:// ou https://.", ErrorCode.INVALID_URL)
    if "notes" in values:
        values["notes"] = (
            bounded_text(
                values["notes"] if isinstance(values["notes"], str) else "",
                issues,
                field="notes",
                label="Notes",
                max_length=10_000,
            )
            or ""
        )
    clean_place(values, issues)
    return values
