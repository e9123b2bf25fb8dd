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
    for name in ("cmkg.reload", "cmkg.live"):  # hot reload: one line per switch or failure
        reload_log = logging.getLogger(name)
        reload_log.addHandler(handler)
        reload_log.setLevel(logging.INFO)
        reload_log.propagate = False
    logging.getLogger("waitress").setLevel(logging.WARNING)


@click.command(name="serve")
@click.option("--host", default=None, help="Interface to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port to listen on [default: 8000].")
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Oxigraph store folder, served as it is [default: the server's own copy of the "
    "current build, built first if missing, switched to each new `kg build` without a "
    "restart]. A new empty folder gives an empty store.",
)
@click.option(
    "--timeout",
    type=float,
    default=None,
    help="Seconds after which a query or update is stopped with 503 [default: 30; 0 = no "
    "limit, queries run in-process, which needs --no-sandbox].",
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
    help="Query worker processes [default: one per CPU, 2..8], plus one reserved for "
    "clients with nothing else running.",
)
@click.option(
    "--result-cache",
    type=int,
    default=None,
    help="Query answers kept in memory until the next write [default: 256; 0 = off].",
)
@click.option(
    "--allow-service",
    "allow_service",
    multiple=True,
    metavar="HOST",
    help="Let SPARQL SERVICE contact HOST (repeatable) [default: none; query workers then "
    "have no network at all]. With any HOST the query workers keep their network.",
)
@click.option(
    "--no-sandbox",
    "no_sandbox",
    is_flag=True,
    default=False,
    help="Serve even where the query workers cannot be cut off from the network (see "
    "docs/security.md) or with --timeout 0; SERVICE/LOAD are then refused by a text check only.",
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
    allow_service: tuple[str, ...],
    no_sandbox: bool,
    threads: int,
    backend: str | None,
) -> None:
    """Serve the SPARQL 1.1 endpoint (/sparql, /store) and the web API with waitress.

    Without --store the server works on its own copy of the current build (build/live/):
    `kg build` never touches it, a new build is picked up within a second without a
    restart, and writes made through the endpoint are carried over to it.
    """
    from waitress.server import create_server

    from kg.rdf import sandbox
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
            "allow_service": tuple(sorted({h.strip().lower() for h in allow_service})) or None,
            "sandbox": False if no_sandbox else None,
            "backend": backend,
        },
    )
    if settings.timeout <= 0 and settings.sandbox:
        raise UsageError(
            "--timeout 0 evaluates queries in the server process, which cannot be cut off "
            "from the network; give a timeout, or add --no-sandbox to accept that"
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
    served = state(app)
    try:
        served.start()
    except EnvironmentProblem:
        server.close()
        shutdown_app(app)
        raise
    if served.live is not None and settings.reload_interval > 0:
        served.start_watcher(settings.reload_interval)
    layers = served.engine.sandbox_layers
    if settings.allow_service:
        click.echo(
            "warning: query workers keep their network for SERVICE to "
            + ", ".join(settings.allow_service),
            err=True,
        )
    elif not layers:
        click.echo(
            "WARNING: NO NETWORK SANDBOX: queries run in a process that can reach the network; "
            "SERVICE and LOAD are refused by a text check only (see docs/security.md)",
            err=True,
        )
    limit = f"{settings.timeout:g} s timeout" if settings.timeout > 0 else "no timeout"
    writes = "writes allowed with the token" if settings.update_token else "read-only"
    workers_note = (
        f"{worker_count(settings)} query workers + 1 reserved lane, "
        + (sandbox.describe(layers) if not settings.allow_service else "federation allowed")
        if settings.timeout > 0
        else ""
    )
    if settings.backend:
        what = f"the backend {settings.backend}"
    elif served.version:
        what = (
            f"build {served.version} (own copy in {served.serving().path}; new builds are "
            "picked up without a restart)"
        )
    else:
        what = str(settings.store)
    click.echo(
        f"serving {what} at http://{settings.host}:{server.effective_port}/sparql "
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
