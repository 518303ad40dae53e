"""Responses are gzipped for clients that accept it: the client's scripts and the API's JSON."""

from __future__ import annotations

import re

import httpx


async def test_scripts_and_api_answers_are_gzipped_when_accepted(api: httpx.AsyncClient) -> None:
    index = await api.get("/")
    script = re.search(r'src="(/assets/[^"]+\.js)"', index.text)
    assert script is not None

    compressed = await api.get(script.group(1), headers={"Accept-Encoding": "gzip"})
    plain = await api.get(script.group(1), headers={"Accept-Encoding": "identity"})
    schema = await api.post(
        "/graphql",
        json={"query": "{ __schema { types { name description } } }"},
        headers={"Accept-Encoding": "gzip"},
    )

    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert compressed.num_bytes_downloaded * 2 < len(plain.content)  # bytes on the wire
    assert compressed.content == plain.content  # httpx decodes: the same bytes once unzipped
    assert "content-encoding" not in plain.headers
    assert schema.headers["content-encoding"] == "gzip" and schema.json()["data"]["__schema"]["types"]
