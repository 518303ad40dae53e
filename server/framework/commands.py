"""`passerelle normalize` and `passerelle framework validate | stats | export`.

Only `matching` and click are imported here (no database, no GraphQL) so the commands start fast.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, BinaryIO

import click

from matching.attributes import TitleAttributes
from matching.framework import Framework, FrameworkError, load_framework

if TYPE_CHECKING:
    from matching.normaliser import TitleMatch

_CHUNK = 4096  # lines normalised and written together
MIN_OCCUPATIONS = 25
MIN_DOMAINS = 10
MIN_COMPETENCIES = 100
MIN_COMPETENCIES_PER_OCCUPATION = 10


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Input lines as text; undecodable bytes become U+FFFD instead of stopping the run."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


class _JsonLines:
    """`json.dumps(match.to_dict())` for many matches, fast: titles that clean alike share their
    decision, so its JSON is written once and reused (a test keeps both outputs identical)."""

    def __init__(self) -> None:
        self._decisions: dict[tuple[object, ...], tuple[str, str, object]] = {}
        self._attributes: dict[TitleAttributes, str] = {}

    def line(self, match: TitleMatch) -> str:
        # Ids are safe keys: the cached value keeps the objects alive, so ids are not reused.
        key = (
            match.status,
            id(match.occupation),
            id(match.other_profession),
            id(match.alternatives),
            match.confidence,
            match.reason,
        )
        cached = self._decisions.get(key)
        if cached is None:
            data = match.to_dict()
            del data["input"], data["attributes"]
            middle = json.dumps(data, ensure_ascii=False)[1:-1]
            before, after = middle.split(', "other_profession": ', 1)
            cached = (
                before,
                '"other_profession": ' + after,
                (match.occupation, match.other_profession, match.alternatives),
            )
            self._decisions[key] = cached
        attributes = self._attributes.get(match.attributes)
        if attributes is None:
            attributes = json.dumps(match.attributes.to_dict(), ensure_ascii=False)
            self._attributes[match.attributes] = attributes
        title = json.dumps(match.input, ensure_ascii=False)
        return f'{{"input": {title}, {cached[0]}, "attributes": {attributes}, {cached[1]}}}\n'


_encoder = _JsonLines()


def _render(chunk: list[str]) -> bytes:
    """JSON lines for a chunk of titles (runs in a worker process for large inputs)."""
    from matching.normaliser import default_normaliser

    line = _encoder.line
    text = "".join([line(m) for m in default_normaliser().normalise_batch(chunk)])
    return text.encode("utf-8", errors="replace")


@click.command(
    help="Normalise des intitulés de poste : un titre par ligne sur l'entrée "
    "standard, un objet JSON par ligne en sortie, dans le même ordre."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Processus utilisés pour les gros volumes.",
)
def normalize(workers: int) -> None:
    from matching.normaliser import default_normaliser

    default_normaliser()  # built before any fork: workers share it instead of rebuilding it
    out = sys.stdout.buffer
    lines = _lines(sys.stdin.buffer)
    chunks = iter(lambda: list(islice(lines, _CHUNK)), [])
    head = list(islice(chunks, 2))
    if workers > 1 and len(head) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for data in pool.imap(_render, chain(head, chunks)):
                out.write(data)
    else:
        for chunk in chain(head, chunks):
            out.write(_render(chunk))
    out.flush()


@click.group(help="Outils du référentiel de compétences.")
def framework() -> None:
    """Groups the framework sub-commands."""


def _load() -> Framework:
    try:
        return load_framework()
    except FrameworkError as exc:
        raise click.ClickException(str(exc)) from exc


def coverage_problems(fw: Framework) -> list[str]:
    """The content rules of the framework beyond what the loader checks, in French."""
    problems = []
    if len(fw.occupations) < MIN_OCCUPATIONS:
        problems.append(f"{len(fw.occupations)} métiers, il en faut au moins {MIN_OCCUPATIONS}.")
    if len(fw.domains) < MIN_DOMAINS:
        problems.append(f"{len(fw.domains)} domaines, il en faut au moins {MIN_DOMAINS}.")
    if len(fw.competencies) < MIN_COMPETENCIES:
        problems.append(f"{len(fw.competencies)} compétences, il en faut au moins {MIN_COMPETENCIES}.")
    for occupation in fw.occupations:
        if len(occupation.competencies) < MIN_COMPETENCIES_PER_OCCUPATION:
            problems.append(
                f"Le métier {occupation.id} a {len(occupation.competencies)} compétences, "
                f"il en faut au moins {MIN_COMPETENCIES_PER_OCCUPATION}."
            )
        if not occupation.aliases:
            problems.append(f"Le métier {occupation.id} n'a aucun alias.")
    return problems


@framework.command(help="Vérifie le référentiel (schéma, références croisées, couverture).")
def validate() -> None:
    fw = _load()
    problems = coverage_problems(fw)
    for problem in problems:
        click.echo(f"Erreur : {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"Référentiel {fw.version} valide ({fw.checksum[:12]}).")


@framework.command(help="Affiche les chiffres du référentiel.")
def stats() -> None:
    fw = _load()
    rows = [
        ("version", fw.version),
        ("empreinte", fw.checksum[:12]),
        ("métiers", len(fw.occupations)),
        ("domaines", len(fw.domains)),
        ("compétences", len(fw.competencies)),
        ("alias des métiers", sum(len(o.aliases) for o in fw.occupations)),
        ("autres professions", len(fw.other_professions)),
        ("alias des autres professions", sum(len(p.aliases) for p in fw.other_professions)),
    ]
    for label, value in rows:
        click.echo(f"{label:30} {value}")


def export_document(fw: Framework) -> dict[str, object]:
    """The framework as the JSON document `passerelle framework export` prints."""
    return {
        "version": fw.version,
        "checksum": fw.checksum,
        "occupations": [
            {
                "id": o.id,
                "label": o.label,
                "label_en": o.label_en,
                "rome_code": o.rome_code,
                "description": o.description,
                "aliases": list(o.aliases),
                "related": [{"id": r.occupation_id, "similarity": r.similarity} for r in o.related],
                "competencies": [{"id": c.competency_id, "level": c.level} for c in o.competencies],
            }
            for o in fw.occupations
        ],
        "competencies": [
            {
                "id": c.id,
                "label": c.label,
                "label_en": c.label_en,
                "description": c.description,
                "domain": c.domain,
            }
            for c in fw.competencies
        ],
        "domains": [{"id": d.id, "label": d.label, "label_en": d.label_en} for d in fw.domains],
    }


@framework.command(help="Exporte le référentiel en JSON sur la sortie standard.")
def export() -> None:
    click.echo(json.dumps(export_document(_load()), ensure_ascii=False, indent=2))


@click.group()
def cli() -> None:
    """Stand-alone entry point (`python -m server.framework.commands`)."""


cli.add_command(normalize)
cli.add_command(framework)

if __name__ == "__main__":
    cli()
