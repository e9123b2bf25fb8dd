"""A real ``kg serve`` and headless Debian Chromium driven by Playwright, for the browser
tests and the screenshot script. No browser is downloaded: Playwright drives the system
``chromium`` through ``executable_path``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.support.live import free_port

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
WIDTH = 1280


def chromium_path() -> str | None:
    """Debian's Chromium (``KG_CHROMIUM`` overrides), or None when it is not installed."""
    found = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


@dataclass
class LiveServer:
    base: str
    home: Path
    token: str
    log: list[str]


@contextmanager
def live_server(home: Path, token: str = "curator-token") -> Iterator[LiveServer]:
    """``kg serve`` over ``home`` (built already) on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "kg", "--home", str(home), "serve", "--port", str(port)]
    command += ["--timeout", "10", "--workers", "2"]
    env = {**os.environ, "KG_UPDATE_TOKEN": token}
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    lines: list[str] = []
    assert process.stderr is not None
    stream = process.stderr
    reader = threading.Thread(target=lambda: lines.extend(stream), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not come up: " + "".join(lines)) from None
                time.sleep(0.1)
        yield LiveServer(base, home, token, lines)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        reader.join(timeout=5)
        stream.close()


@dataclass
class Watch:
    """Every request a page made and every console error it logged."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to anything but this machine (data: URLs never reach the network)."""
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:"))
            and (urlsplit(url).hostname or "") not in LOOPBACK
        ]


@contextmanager
def chromium(executable: str) -> Iterator[Any]:
    """A headless Chromium with a fresh profile (user-data-dir), 1280 px wide; yields the
    Playwright browser context."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="cmkg-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": WIDTH, "height": 900},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def watched_page(context: Any, watch: Watch) -> Any:
    """A page whose requests and console errors are recorded in ``watch``; requests to
    other hosts are aborted (and recorded), so nothing ever leaves the machine."""
    page = context.new_page()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        watch.requests.append(url)
        host = urlsplit(url).hostname or ""
        if url.startswith(("http://", "https://")) and host not in LOOPBACK:
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    return page
