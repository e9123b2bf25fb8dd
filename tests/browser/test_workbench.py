"""The workbench in headless Chromium on a live ``kg serve`` of the seed corpus: every page
draws what it says, logs no console error and requests nothing from another host."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import yaml

from kg.corpus.review import load_review
from tests.support.browser import LiveServer
from tests.support.paths import SEED_CORPUS

SEED_ARTICLE = "000_5e08cd89a83175d0"
PROPOSALS = "SELECT * WHERE { ?s a <https://w3id.org/cmkg/ontology#Proposal> }"


def sparql(server: LiveServer, query: str) -> list[dict[str, Any]]:
    """Rows from the live endpoint as a protocol client sees them."""
    url = server.base + "/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        rows: list[dict[str, Any]] = json.load(response)["results"]["bindings"]
        return rows


def test_home_shows_counts_and_links(visit: Callable[[str], Any], server: LiveServer) -> None:
    seen = visit("/")
    page = seen.page
    counts = {
        item.get_attribute("data-class"): int(item.locator(".count").inner_text())
        for item in page.locator("#class-counts li").all()
    }
    proposals = sparql(server, PROPOSALS)
    assert counts["Proposal"] == len({row["s"]["value"] for row in proposals}) > 0
    assert counts["Person"] >= 1
    titles = page.locator("#latest-articles li a").all_inner_texts()
    assert len(titles) == 2
    hrefs = [a.get_attribute("href") for a in page.locator("main a").all()]
    for target in ("/sparql", "/queries?format=html", "/ontology?format=html", "/export/cmkg.ttl"):
        assert target in hrefs, target
    assert page.locator("header.site nav a").count() >= 5
    seen.check()


def test_editor_runs_a_typed_query(visit: Callable[[str], Any], server: LiveServer) -> None:
    seen = visit("/sparql")
    page = seen.page
    page.wait_for_selector(".CodeMirror")
    page.evaluate(
        "text => document.querySelector('.CodeMirror').CodeMirror.setValue('')", PROPOSALS
    )
    page.click(".CodeMirror")
    page.keyboard.type(PROPOSALS)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".yasr table.dataTable tbody tr td a")
    links = {
        a.get_attribute("href") for a in page.locator(".yasr table.dataTable tbody td a").all()
    }
    expected = {"/id/" + row["s"]["value"].rsplit("/", 1)[-1] for row in sparql(server, PROPOSALS)}
    assert expected and expected <= links
    seen.check()


def test_editor_runs_a_query_from_the_address(visit: Callable[[str], Any]) -> None:
    seen = visit("/sparql?" + urllib.parse.urlencode({"query": PROPOSALS}))
    seen.page.wait_for_selector(".yasr table.dataTable tbody td a[href^='/id/']")
    seen.check()


def test_other_pages_are_quiet_and_local(visit: Callable[[str], Any]) -> None:
    """The pages the header links to, and an entity page, log nothing and stay local."""
    for path in ("/queries?format=html", "/ontology", "/id/vladimir-putin", "/search"):
        seen = visit(path)
        assert seen.page.locator("header.site nav a").count() >= 5, path
        seen.check()


def test_search_lists_putin_first(visit: Callable[[str], Any], server: LiveServer) -> None:
    seen = visit("/search?q=putin")
    first = seen.page.locator("#hits li").first
    assert first.locator("a").first.inner_text() == "Vladimir Putin"
    assert first.locator("a").first.get_attribute("href") == "/id/vladimir-putin"
    assert first.locator(".kind").inner_text() == "Person"
    assert first.locator(".snippet mark").count() >= 1
    request = urllib.request.Request(
        server.base + "/search?q=putin", headers={"Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        hits = json.load(response)["hits"]
    assert hits[0]["label"] == "Vladimir Putin" and hits[0]["class"] == "Person"
    seen.check()


def test_network_view_draws_the_seed_conflicts(
    visit: Callable[[str], Any], server: LiveServer
) -> None:
    seen = visit("/queries/conflicts-graph?view=network")
    page = seen.page
    container = page.locator("#network")
    page.wait_for_function("() => document.querySelector('#network').dataset.drawnNodes")
    nodes = int(container.get_attribute("data-nodes") or 0)
    edges = int(container.get_attribute("data-edges") or 0)
    drawn = page.evaluate(
        "() => [cmkgNetwork.nodes().length, cmkgNetwork.edges().length,"
        " cmkgNetwork.edges('[kind = \"conflict\"]').length]"
    )
    conflicts = sparql(
        server,
        "PREFIX cmkg: <https://w3id.org/cmkg/ontology#> SELECT DISTINCT ?c ?p ?m WHERE { "
        "?c a cmkg:Conflict ; cmkg:proposal ?p ; cmkg:measure ?m ; "
        "cmkg:reviewStatus cmkg:Accepted }",
    )
    sides = {row["p"]["value"] for row in conflicts} | {row["m"]["value"] for row in conflicts}
    assert drawn == [nodes, edges, len(conflicts)]
    assert len(conflicts) > 0 and nodes >= len(sides)
    assert page.locator("canvas").count() > 0
    seen.check()


def test_chart_and_timeline_views(visit: Callable[[str], Any], server: LiveServer) -> None:
    for path, mark in (
        ("/queries/market-concentration?view=chart", "mark-rect"),
        ("/queries/timeline?view=timeline", "mark-symbol"),
    ):
        seen = visit(path)
        page = seen.page
        page.wait_for_selector("#chart[data-drawn] svg")
        rows = int(page.locator("#chart").get_attribute("data-rows") or 0)
        assert rows > 0
        assert page.locator(f"#chart svg g.{mark}.role-mark path").count() == rows
        seen.check()
    query_page = visit("/queries/timeline?format=html").page
    assert query_page.locator("nav.views a[href*='view=timeline']").count() == 1


def test_query_form_has_typed_widgets_and_never_a_raw_400(
    visit: Callable[[str], Any],
) -> None:
    seen = visit("/queries/actor-profile")
    page = seen.page
    assert page.locator("#missing").is_visible()
    picker = page.locator("#param-actor")
    assert picker.get_attribute("data-class") == "Actor"
    picker.fill("puti")
    page.wait_for_function("() => document.querySelector('#names-actor').options.length > 0")
    values = page.eval_on_selector_all("#names-actor option", "os => os.map(o => o.value)")
    assert "vladimir-putin" in values
    assert page.locator("#param-include_candidates").evaluate("e => e.tagName") == "SELECT"
    picker.fill("vladimir-putin")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#results")
    assert page.locator("#results a[href='/id/russia']").count() >= 1  # his jurisdiction
    assert page.locator("#results th", has_text="actor").count() == 0  # the form shows it
    measures = visit("/queries/active-measures?format=html").page
    assert measures.locator("#param-as_of").get_attribute("type") == "date"
    assert "Tariff" in measures.eval_on_selector_all(
        "#param-type option", "os => os.map(o => o.value)"
    )
    seen.check()


def test_reader_highlights_every_accepted_seed_fact(visit: Callable[[str], Any]) -> None:
    seen = visit(f"/article/{SEED_ARTICLE}")
    page = seen.page
    marks = page.eval_on_selector_all(
        "#article-text mark", "ms => ms.map(m => [m.dataset.facts, m.textContent])"
    )
    review = load_review(SEED_CORPUS / "review" / f"{SEED_ARTICLE}.yaml")
    accepted = [c for c in review.candidates if c.status == "accepted"]
    assert accepted
    for fact in accepted:
        covered = "".join(text for ids, text in marks if fact.id in ids.split())
        quotes = "".join(e.quote for e in sorted(fact.evidence, key=lambda e: e.start))
        assert covered == quotes, fact.id
        item = page.locator(f"#fact-list li[data-fact='{fact.id}']")
        assert item.get_attribute("data-status") == "accepted"
    seen.check()


def test_curator_accepts_a_candidate_in_the_reader(
    visit: Callable[[str], Any], server: LiveServer
) -> None:
    path = server.home / "corpus" / "review" / f"{SEED_ARTICLE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = data["candidates"][0]
    data["candidates"].append({**first, "id": "browser-candidate", "status": "candidate"})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    seen = visit(f"/article/{SEED_ARTICLE}")
    page = seen.page
    item = page.locator("#fact-list li[data-fact='browser-candidate']")
    page.fill("#curator-token", server.token)
    item.locator("button[data-decide=accept]").click()
    page.wait_for_function(
        "() => document.querySelector(\"li[data-fact='browser-candidate']\").dataset.status"
        " === 'accepted'"
    )
    statuses = {c.id: c.status for c in load_review(path).candidates}
    assert statuses["browser-candidate"] == "accepted"
    seen.check()
