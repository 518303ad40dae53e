"""How many API processes to run, and what several processes need before they start."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from server.settings import Settings

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_processes(settings: Settings, requested: int | None) -> int:
    """The process count: one per core by default on the production path, one on the embedded default.

    Several processes need Redis: live updates published in one process must reach subscriptions held
    by another, which the in-process event bus cannot do. Metrics are then shared through files in
    PROMETHEUS_MULTIPROC_DIR (a fresh temporary folder unless set), read by whichever process answers
    /metrics.
    """
    if settings.redis_url is None:
        if requested is not None and requested > 1:
            raise click.ClickException(
                "Plusieurs processus d'API demandent REDIS_URL : sans Redis, les mises à jour en direct "
                "et les tâches restent dans un seul processus."
            )
        return 1
    count = requested if requested is not None else os.cpu_count() or 1
    if count > 1:
        folder = os.environ.get(MULTIPROC_ENV) or tempfile.mkdtemp(prefix="passerelle-metrics-")
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):  # files of a previous run would add to the new counts
            stale.unlink()
        os.environ[MULTIPROC_ENV] = folder
    return count
