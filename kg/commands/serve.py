"""`kg serve`: the SPARQL endpoint, canned queries, exports and pages on waitress."""

from __future__ import annotations

import dataclasses
import logging
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import click

from kg.config import Settings
from kg.errors import EnvironmentProblem, UsageError


def _settings_for(settings: Settings, overrides: dict[str, Any]) -> Settings:
    return dataclasses.replace(
        settings, **{name: value for name, value in overrides.items() if value is not None}
    )


def _build_if_missing(settings: Settings, store_given: bool) -> None:
    """With no ``--store`` and no build yet, run ``kg build`` first."""
    if store_given or settings.store.exists():
        return
    from kg.build.dataset import build_dataset  # the build pulls in the whole pipeline

    click.echo(f"no store at {settings.store}: building the dataset first", err=True)
    build_dataset(settings, progress=lambda line: click.echo(line, err=True))


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    access = logging.getLogger("cmkg.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False
    logging.getLogger("waitress").setLevel(logging.WARNING)


@click.command(name="serve")
@click.option("--host", default=None, help="Interface to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port to listen on [default: 8000].")
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Oxigraph store folder [default: the one `kg build` writes; built first if "
    "missing]. A new empty folder gives an empty store.",
)
@click.option(
    "--timeout",
    type=float,
    default=None,
    help="Seconds after which a query is stopped with 503 [default: 30; 0 = no limit, "
    "queries run in-process].",
)
@click.option(
    "--update-token",
    envvar="KG_UPDATE_TOKEN",
    default=None,
    help="Bearer token that allows SPARQL Update and Graph Store writes [env KG_UPDATE_TOKEN; "
    "default: writes are refused].",
)
@click.option("--cors/--no-cors", default=None, help="CORS headers on /sparql [default: on].")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Query worker processes [default: one per CPU, 2..8].",
)
@click.option(
    "--result-cache",
    type=int,
    default=None,
    help="Query answers kept in memory until the next write [default: 256; 0 = off].",
)
@click.option("--threads", type=int, default=16, show_default=True, help="HTTP threads.")
@click.option(
    "--backend",
    metavar="URL",
    envvar="KG_BACKEND",
    default=None,
    help="Serve an existing SPARQL 1.1 store at this query endpoint (filled by `kg publish`) "
    "instead of the embedded store; our timeout and row cap still apply, writes and full "
    "dumps answer 501 [env KG_BACKEND].",
)
@click.pass_obj
def command(
    settings: Settings,
    host: str | None,
    port: int | None,
    store: Path | None,
    timeout: float | None,
    update_token: str | None,
    cors: bool | None,
    workers: int | None,
    result_cache: int | None,
    threads: int,
    backend: str | None,
) -> None:
    """Serve the SPARQL 1.1 endpoint (/sparql, /store) and the web API with waitress."""
    from waitress.server import create_server

    from server import create_app
    from server.access_log import AccessLog
    from server.app import shutdown_app, worker_count
    from server.state import state

    if threads < 1 or (workers is not None and workers < 1):
        raise UsageError("--threads and --workers must be at least 1")
    settings = _settings_for(
        settings,
        {
            "host": host,
            "port": port,
            "store_dir": store,
            "timeout": timeout,
            "update_token": update_token,
            "cors": cors,
            "workers": workers,
            "result_cache": result_cache,
            "backend": backend,
        },
    )
    if not settings.backend:
        _build_if_missing(settings, store is not None)
    _configure_logging()
    app = create_app(settings)
    try:
        server = create_server(
            AccessLog(app), host=settings.host, port=settings.port, threads=threads
        )
    except OSError as exc:
        shutdown_app(app)
        raise EnvironmentProblem(
            f"cannot listen on {settings.host}:{settings.port}: {exc.strerror}; "
            "choose another --port or stop the program using it"
        ) from None
    state(app).engine.start()
    limit = f"{settings.timeout:g} s timeout" if settings.timeout > 0 else "no timeout"
    writes = "writes allowed with the token" if settings.update_token else "read-only"
    workers_note = f"{worker_count(settings)} query workers" if settings.timeout > 0 else ""
    source = f"the backend {settings.backend}" if settings.backend else str(settings.store)
    click.echo(
        f"serving {source} at http://{settings.host}:{server.effective_port}/sparql "
        f"({limit}, {writes}{', ' + workers_note if workers_note else ''}); Ctrl-C stops"
    )
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        server.close()
        shutdown_app(app)
    click.echo("stopped", err=True)
