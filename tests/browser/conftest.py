"""The browser suite: Debian's headless Chromium (driven by Playwright, nothing downloaded)
against a real ``kg serve`` over the built seed corpus. Skipped, with the reason, where
Chromium or Playwright is missing; CI installs both (.ci/run)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from kg.build import build_dataset
from kg.config import load_settings
from tests.support.browser import LiveServer, Watch, chromium, chromium_path, live_server
from tests.support.browser import watched_page as _watched_page
from tests.support.paths import SEED_CORPUS

CHROMIUM = chromium_path()
try:
    import playwright.sync_api  # noqa: F401

    PLAYWRIGHT = True
except ImportError:  # pragma: no cover - CI installs it with the test extras
    PLAYWRIGHT = False

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = (
        "Debian's chromium is not installed (apt-get install chromium)"
        if CHROMIUM is None
        else "playwright is not installed (pip install '.[test]')"
        if not PLAYWRIGHT
        else ""
    )
    if reason:
        for item in items:
            if "tests/browser" in str(item.path):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``kg serve`` over a fresh copy of the seed corpus, built (writable: review tests)."""
    home = tmp_path_factory.mktemp("browser")
    shutil.copytree(SEED_CORPUS, home / "corpus")
    build_dataset(load_settings({"home": home}, environ={}))
    with live_server(home) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM is not None
    with chromium(CHROMIUM) as context:
        yield context


class Visit:
    """A page plus what it requested and logged; ``check()`` fails on a console error or a
    request to another host."""

    def __init__(self, page: Any, watch: Watch) -> None:
        self.page = page
        self.watch = watch

    def check(self) -> None:
        assert self.watch.foreign() == [], "requests to other hosts"
        assert self.watch.errors == [], "console errors"


@pytest.fixture
def visit(browser: Any, server: LiveServer) -> Iterator[Any]:
    pages: list[Visit] = []

    def open_page(path: str) -> Visit:
        watch = Watch()
        page = _watched_page(browser, watch)
        page.goto(server.base + path)
        page.wait_for_load_state("networkidle")
        pages.append(Visit(page, watch))
        return pages[-1]

    yield open_page
    for seen in pages:
        seen.page.close()
    for seen in pages:
        seen.check()
