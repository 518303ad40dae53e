"""Relay-style connections built from the services' keyset pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from server.kit.pagination import Page, PageRequest
from server.settings import Settings

Node = TypeVar("Node")
Item = TypeVar("Item")

DEFAULT_PAGE_SIZE = 20


@strawberry.type(description="Position dans une liste paginée (curseurs opaques).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Vrai s'il reste des éléments après cette page.")
    has_previous_page: bool = strawberry.field(
        description="Vrai si des éléments précèdent cette page (un curseur `after` a été donné)."
    )
    start_cursor: str | None = strawberry.field(description="Curseur du premier élément ; null si page vide.")
    end_cursor: str | None = strawberry.field(
        description="Curseur du dernier élément, à passer en `after` pour la suite ; null si page vide."
    )


@strawberry.type(description="Un élément d'une page et son curseur.")
class Edge(Generic[Node]):
    node: Node = strawberry.field(description="L'élément.")
    cursor: str = strawberry.field(description="Curseur opaque de l'élément, à passer en `after`.")


@strawberry.type(description="Une page d'une liste, à la manière de Relay.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(
        description="Les éléments de la page, dans l'ordre de la liste."
    )
    page_info: PageInfo = strawberry.field(description="Position de la page : y a-t-il une suite, et où.")
    total_count: int = strawberry.field(description="Nombre total d'éléments, filtres appliqués.")


def page_request(settings: Settings, first: int | None, after: str | None) -> PageRequest:
    return PageRequest.build(first, after, default=DEFAULT_PAGE_SIZE, maximum=settings.max_page_size)


def connection(page: Page[Item], to_node: Callable[[Item], Node]) -> Connection[Node]:
    edges = [
        Edge(node=to_node(item), cursor=cursor) for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        total_count=page.total_count,
    )
