"""Places at the commune (postal code → communes, INSEE code on postings and profiles) and must-haves."""

from __future__ import annotations

from typing import Any

from tests.api.members_helpers import issues, sign_up, update_profile
from tests.api.postings_helpers import UPDATE_ROLE, create_role, partner_user, role_input
from tests.support import error_codes, gql

COMMUNES = "query($code: String!) { communes(postalCode: $code) { code name postalCode departement } }"
PLACE = "id postalCode commune communeCode departement competencies { competencyId required mustHave }"
CREATE = f"""mutation($input: RoleInput!) {{
  createRole(input: $input) {{ posting {{ {PLACE} }} errors {{ field message code }} }}
}}"""
UPDATE = f"""mutation($id: UUID!, $input: RoleInput!) {{
  updateRole(id: $id, input: $input) {{ posting {{ {PLACE} }} errors {{ field message code }} }}
}}"""
PROFILE_PLACE = """mutation($input: MemberProfileInput!) {
  updateMyProfile(input: $input) {
    profile { postalCode commune communeCode departement } errors { field message code }
  }
}"""


async def test_a_postal_code_offers_the_choice_of_the_communes_it_serves(
    client: Any, session_factory: Any
) -> None:
    # given a signed-in recruiter
    token, _ = await partner_user(session_factory)

    # when they ask for the communes of a postal code shared by several communes, and of a Paris one
    shared = (await gql(client, COMMUNES, {"code": "51300"}, token))["data"]["communes"]
    paris = (await gql(client, COMMUNES, {"code": "75008"}, token))["data"]["communes"]
    nowhere = (await gql(client, COMMUNES, {"code": "00000"}, token))["data"]["communes"]

    # then every commune of the code is offered, by name, with its INSEE code and département
    assert len(shared) > 10
    assert all(c["postalCode"] == "51300" and c["departement"] == "51" for c in shared)
    assert [c["name"] for c in shared][12:15] == ["Drouilly", "Écriennes", "Favresse"]  # accents ignored
    assert any(c["name"] == "Vitry-le-François" and c["code"] == "51649" for c in shared)
    assert paris == [
        {"code": "75108", "name": "Paris 8e Arrondissement", "postalCode": "75008", "departement": "75"}
    ]
    assert nowhere == []


async def test_the_communes_query_refuses_a_malformed_postal_code_and_strangers(
    client: Any, session_factory: Any
) -> None:
    token, _ = await partner_user(session_factory)
    assert error_codes(await gql(client, COMMUNES, {"code": "7500"}, token)) == ["BAD_USER_INPUT"]
    assert error_codes(await gql(client, COMMUNES, {"code": "75008"})) == ["UNAUTHENTICATED"]


SEARCH = """query($name: String!, $first: Int) {
  searchCommunes(name: $name, first: $first) { code name postalCode departement }
}"""


async def test_a_town_typed_without_its_postal_code_offers_the_communes_of_that_name(
    client: Any, session_factory: Any
) -> None:
    token, _ = await partner_user(session_factory)

    # the exact name first (accents, case and « St » ignored), then the names it starts
    found = (await gql(client, SEARCH, {"name": "st etienne", "first": 3}, token))["data"]["searchCommunes"]
    assert [(c["name"], c["postalCode"], c["code"]) for c in found] == [
        ("Saint-Étienne", "42000", "42218"),
        ("Saint-Étienne-à-Arnes", "08310", "08379"),
        ("Saint-Étienne-au-Mont", "62360", "62746"),
    ]
    bourgoin = (await gql(client, SEARCH, {"name": "BOURGOIN"}, token))["data"]["searchCommunes"]
    assert bourgoin == [
        {"code": "38053", "name": "Bourgoin-Jallieu", "postalCode": "38300", "departement": "38"}
    ]
    assert (await gql(client, SEARCH, {"name": "zzqx"}, token))["data"]["searchCommunes"] == []

    # the commune chosen gives the posting its postal code and département
    body = await gql(
        client, CREATE, {"input": role_input(postalCode=None, commune=None, communeCode="42218")}, token
    )
    posting = body["data"]["createRole"]["posting"]
    assert (posting["communeCode"], posting["postalCode"], posting["departement"]) == ("42218", "42000", "42")

    # too short, too many or a stranger: refused
    assert error_codes(await gql(client, SEARCH, {"name": "s"}, token)) == ["BAD_USER_INPUT"]
    assert error_codes(await gql(client, SEARCH, {"name": "lyon", "first": 50}, token)) == ["BAD_USER_INPUT"]
    assert error_codes(await gql(client, SEARCH, {"name": "lyon"})) == ["UNAUTHENTICATED"]


async def test_a_posting_gets_the_commune_of_its_postal_code_and_town(
    client: Any, session_factory: Any
) -> None:
    # given a recruiter
    token, _ = await partner_user(session_factory)

    # when roles are placed by postal code and town, by a chosen commune code, or by a postal code alone
    by_town = await gql(
        client, CREATE, {"input": role_input(postalCode="78000", commune="versailles")}, token
    )
    by_code = await gql(
        client, CREATE, {"input": role_input(postalCode="51300", commune=None, communeCode="51649")}, token
    )
    alone = await gql(client, CREATE, {"input": role_input(postalCode="75008", commune=None)}, token)
    shared = await gql(client, CREATE, {"input": role_input(postalCode="51300", commune=None)}, token)

    # then each carries the INSEE code of its commune; a shared postal code alone stays at the département
    place = ["postalCode", "commune", "communeCode", "departement"]
    assert [by_town["data"]["createRole"]["posting"][k] for k in place] == [
        "78000",
        "versailles",
        "78646",
        "78",
    ]
    assert by_code["data"]["createRole"]["posting"]["communeCode"] == "51649"
    assert by_code["data"]["createRole"]["posting"]["commune"] == "Vitry-le-François"
    assert alone["data"]["createRole"]["posting"]["communeCode"] == "75108"
    assert shared["data"]["createRole"]["posting"]["communeCode"] is None
    assert shared["data"]["createRole"]["posting"]["departement"] == "51"


async def test_a_town_the_postal_code_does_not_serve_is_refused(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    wrong_town = await gql(
        client, CREATE, {"input": role_input(postalCode="78000", commune="Marseille")}, token
    )
    wrong_code = await gql(
        client, CREATE, {"input": role_input(postalCode="78000", commune=None, communeCode="75108")}, token
    )
    unknown = await gql(
        client, CREATE, {"input": role_input(postalCode="78000", commune=None, communeCode="99999")}, token
    )
    assert issues(wrong_town["data"]["createRole"]) == [("commune", "COMMUNE_NOT_IN_POSTAL_CODE")]
    assert issues(wrong_code["data"]["createRole"]) == [("communeCode", "COMMUNE_NOT_IN_POSTAL_CODE")]
    assert issues(unknown["data"]["createRole"]) == [("communeCode", "UNKNOWN_COMMUNE")]


async def test_a_town_served_by_several_postal_codes_is_found_in_its_departement(
    client: Any, session_factory: Any
) -> None:
    # Ajaccio has several postal codes; the data keeps one (20167): 20000 + « Ajaccio » still names it
    token, _ = await partner_user(session_factory)
    body = await gql(client, CREATE, {"input": role_input(postalCode="20000", commune="Ajaccio")}, token)
    assert body["data"]["createRole"]["posting"]["communeCode"] == "2A004"


async def test_moving_a_posting_resolves_its_commune_again(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token, postalCode="69003", commune="Lyon")
    moved = await gql(
        client, UPDATE, {"id": role["id"], "input": {"postalCode": "92100", "commune": None}}, token
    )
    posting = moved["data"]["updateRole"]["posting"]
    assert (posting["communeCode"], posting["departement"]) == ("92012", "92")


async def test_a_member_profile_carries_its_commune(client: Any) -> None:
    # given a member
    token, _ = await sign_up(client)

    # when they give a postal code and a town, then a commune chosen from the list
    first = await update_profile(client, token, postalCode="78000", commune="Versailles")
    chosen = await gql(
        client, PROFILE_PLACE, {"input": {"postalCode": "51300", "communeCode": "51649"}}, token
    )
    wrong = await gql(client, PROFILE_PLACE, {"input": {"postalCode": "51300", "commune": "Lyon"}}, token)

    # then the profile holds the INSEE code; a town the code does not serve is refused
    assert first["errors"] == []
    assert (first["profile"]["departement"], first["profile"]["postalCode"]) == ("78", "78000")
    profile = chosen["data"]["updateMyProfile"]["profile"]
    assert (profile["communeCode"], profile["commune"]) == ("51649", "Vitry-le-François")
    assert issues(wrong["data"]["updateMyProfile"]) == [("commune", "COMMUNE_NOT_IN_POSTAL_CODE")]


async def test_a_must_have_competency_is_kept_and_must_be_required(client: Any, session_factory: Any) -> None:
    # given a recruiter
    token, _ = await partner_user(session_factory)
    competencies = [
        {"competencyId": "anglais_professionnel", "level": 3, "required": True, "mustHave": True},
        {"competencyId": "gestion_agenda", "level": 3, "required": True},
    ]

    # when a role marks one required competency as must-have, and another role a nice-to-have one
    ok = await gql(client, CREATE, {"input": role_input(competencies=competencies)}, token)
    nice = [{"competencyId": "gestion_agenda", "level": 2, "required": False, "mustHave": True}]
    refused = await gql(client, CREATE, {"input": role_input(competencies=nice)}, token)

    # then the must-have is stored and shown; a must-have that is not required is refused
    shown = {c["competencyId"]: c["mustHave"] for c in ok["data"]["createRole"]["posting"]["competencies"]}
    assert shown == {"anglais_professionnel": True, "gestion_agenda": False}
    assert issues(refused["data"]["createRole"]) == [("competencies", "MUST_HAVE_NOT_REQUIRED")]


async def test_updating_competencies_keeps_the_must_have_flag(client: Any, session_factory: Any) -> None:
    token, _ = await partner_user(session_factory)
    role = await create_role(client, token)
    wanted = [{"competencyId": "gestion_agenda", "level": 3, "required": True, "mustHave": True}]
    body = await gql(
        client,
        UPDATE_ROLE.replace("required }", "required mustHave }"),
        {"id": role["id"], "input": {"competencies": wanted}},
        token,
    )
    assert body["data"]["updateRole"]["posting"]["competencies"][0]["mustHave"] is True
