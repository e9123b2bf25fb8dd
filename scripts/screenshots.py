"""Screenshots of every workbench page at 1280 px wide, in docs/screenshots/.

Builds the seed corpus in a temporary folder, starts ``kg serve`` on it and photographs each
page with the same headless Debian Chromium the browser tests use (no browser download):

    python scripts/screenshots.py            # from the repository root, with '.[test]' installed
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.build import build_dataset  # noqa: E402
from kg.config import load_settings  # noqa: E402
from tests.support.browser import (  # noqa: E402
    Watch,
    chromium,
    chromium_path,
    live_server,
    watched_page,
)

OUT = REPO / "docs" / "screenshots"
#: file name -> (path, what to wait for)
PAGES = {
    "home.png": ("/", "#class-counts"),
    "sparql-editor.png": ("/sparql", ".CodeMirror"),
    "search.png": ("/search?q=putin", "#hits"),
    "queries.png": ("/queries?format=html", "table.queries"),
    "query-form.png": ("/queries/proposals?format=html&actor=vladimir-putin", "#results"),
    "conflicts-network.png": ("/queries/conflicts-graph?view=network", "#network[data-nodes]"),
    "market-chart.png": ("/queries/market-concentration?view=chart", "#chart[data-drawn] svg"),
    "timeline.png": ("/queries/timeline?view=timeline", "#chart[data-drawn] svg"),
    "article-reader.png": ("/article/000_5e08cd89a83175d0", "#article-text mark"),
    "entity.png": ("/id/vladimir-putin", "h1"),
    "ontology.png": ("/ontology", "header.site"),
}


def main() -> int:
    executable = chromium_path()
    if executable is None:
        print("error: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        shutil.copytree(REPO / "corpus", home / "corpus")
        build_dataset(load_settings({"home": home}, environ={}))
        with live_server(home) as server, chromium(executable) as browser:
            for name, (path, ready) in PAGES.items():
                watch = Watch()
                page = watched_page(browser, watch)
                page.goto(server.base + path)
                page.wait_for_selector(ready)
                if name == "sparql-editor.png":
                    page.keyboard.press("Control+Enter")
                    page.wait_for_selector(".yasr table.dataTable tbody td a")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / name), full_page=False)
                page.close()
                problems = watch.errors + watch.foreign()
                print(f"{name}: {path}" + (f"  PROBLEMS: {problems}" if problems else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
