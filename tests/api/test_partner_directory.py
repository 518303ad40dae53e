"""The federation's partner directory: filters, stable cursor pagination, identifier rules."""

from __future__ import annotations

from typing import Any

from server.models.accounts import UserRole
from server.models.partners import PartnerStatus
from tests.support import VALID_SIRENS, create_partner, create_user, gql, issue_token

LIST = """query($first: Int, $after: String, $filter: PartnerFilter) {
  partners(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name } }
  }
}"""
CREATE = """mutation($input: PartnerInput!) { createPartner(input: $input) { partner { siret }
                                                                        errors { field code } } }"""


async def _staff(session_factory: Any) -> str:
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    return await issue_token(session_factory, staff.id)


async def test_filters_and_pages_are_stable(client: Any, session_factory: Any) -> None:
    token = await _staff(session_factory)
    rows = [
        ("Alpha Conseil", "69", "premium", PartnerStatus.ACTIVE),
        ("Beta Santé", "75", "partenaire", PartnerStatus.ACTIVE),
        ("Gamma 100% Logistique", "69", "partenaire", PartnerStatus.SUSPENDED),
        ("Delta_Industrie", "13", "decouverte", PartnerStatus.PROSPECT),
        ("Epsilon Banque", "69", "premium", PartnerStatus.ENDED),
    ]
    for (name, departement, tier, status), siren in zip(rows, VALID_SIRENS, strict=False):
        await create_partner(
            session_factory, name=name, siren=siren, departement=departement, tier_code=tier, status=status
        )

    async def names(**filter_: Any) -> list[str]:
        body = await gql(client, LIST, {"filter": filter_}, token)
        return [edge["node"]["name"] for edge in body["data"]["partners"]["edges"]]

    assert await names(departements=["69"]) == ["Alpha Conseil", "Epsilon Banque", "Gamma 100% Logistique"]
    assert await names(statuses=["ACTIVE"], tierCodes=["partenaire"]) == ["Beta Santé"]
    assert await names(search="100%") == ["Gamma 100% Logistique"]
    assert await names(search="_") == ["Delta_Industrie"]

    pages, after = [], None
    while True:
        body = await gql(client, LIST, {"first": 2, "after": after}, token)
        connection = body["data"]["partners"]
        pages.append([edge["node"]["name"] for edge in connection["edges"]])
        assert connection["totalCount"] == 5
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert pages == [
        ["Alpha Conseil", "Beta Santé"],
        ["Delta_Industrie", "Epsilon Banque"],
        ["Gamma 100% Logistique"],
    ]


async def test_la_poste_sirets_follow_their_own_rule(client: Any, session_factory: Any) -> None:
    token = await _staff(session_factory)
    base = {"name": "La Poste", "siren": "356000000", "tierCode": "premium"}

    # Luhn-valid but digit sum not divisible by 5: refused for La Poste
    luhn_only = await gql(client, CREATE, {"input": {**base, "siret": "35600000000014"}}, token)
    # an establishment: digit sum divisible by 5, although not Luhn-valid
    establishment = await gql(client, CREATE, {"input": {**base, "siret": "35600000000001"}}, token)
    # any other company: Luhn
    other = await gql(
        client, CREATE, {"input": {**base, "siren": "552100554", "siret": "55210055400012"}}, token
    )

    assert establishment["data"]["createPartner"] == {"partner": {"siret": "35600000000001"}, "errors": []}
    assert luhn_only["data"]["createPartner"]["errors"] == [{"field": "siret", "code": "INVALID_SIRET"}]
    assert other["data"]["createPartner"]["errors"] == [{"field": "siret", "code": "INVALID_SIRET"}]


async def test_create_partner_keeps_its_internal_notes(client: Any, session_factory: Any) -> None:
    staff = await create_user(session_factory, email="notes@f.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    query = """mutation($input: PartnerInput!) { createPartner(input: $input) {
      partner { name internalNotes } errors { field code } } }"""
    fields = {
        "name": "Notée",
        "siren": VALID_SIRENS[2],
        "tierCode": "partenaire",
        "internalNotes": "À relancer",
    }
    body = await gql(client, query, {"input": fields}, token)
    assert body["data"]["createPartner"] == {
        "partner": {"name": "Notée", "internalNotes": "À relancer"},
        "errors": [],
    }
