"""The workbench's HTML pages and JSON answers, through the Flask test client on the seed
build (the browser suite in tests/browser drives the same pages in Chromium)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from kg.config import Settings, load_settings
from kg.corpus.review import load_review
from tests.support.cli import kg
from tests.support.paths import SEED_CORPUS

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SEED_ARTICLE = "000_5e08cd89a83175d0"
TOKEN = "s3cret"


@pytest.fixture(scope="module")
def seed_app(seed_build: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app on a copy of the seed build: its own store (another module's app may still hold
    the shared build's store lock)."""
    from server import create_app
    from server.app import shutdown_app

    home = tmp_path_factory.mktemp("workbench")
    shutil.copytree(seed_build.corpus, home / "corpus")
    shutil.copytree(seed_build.build, home / "build")
    settings = dataclasses.replace(seed_build, home=home, timeout=0.0)
    application = create_app(settings)
    yield application
    shutdown_app(application)


@pytest.fixture
def web(seed_app: Flask) -> FlaskClient:
    return seed_app.test_client()


def page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers=BROWSER)
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


PAGES = [
    "/",
    "/sparql",
    "/search?q=putin",
    "/queries?format=html",
    "/queries/actor-profile",
    "/queries/conflicts-graph?view=network",
    "/queries/market-concentration?view=chart",
    "/queries/timeline?view=timeline",
    f"/article/{SEED_ARTICLE}",
    "/id/vladimir-putin",
    "/ontology?format=html",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_header_and_loads_only_local_files(web: FlaskClient, url: str) -> None:
    html = page(web, url)
    assert '<header class="site">' in html and 'action="/search"' in html
    for attribute, target in re.findall(r'\b(src|href)="([^"]*)"', html):
        if attribute == "src" or target.endswith((".css", ".js")):
            assert target.startswith(("/", "data:")), target
    for script in re.findall(r'<script src="([^"]+)"', html):
        assert web.get(script).status_code == 200, script


@pytest.mark.parametrize(
    ("accept", "editor"),
    [
        (BROWSER["Accept"], True),
        ("text/html", True),
        ("text/turtle, text/html", False),
        ("*/*", False),
        (None, False),
        ("application/sparql-results+json", False),
    ],
)
def test_sparql_shows_the_editor_only_to_clients_preferring_html(
    web: FlaskClient, accept: str | None, editor: bool
) -> None:
    for url in ("/sparql", "/sparql?query=ASK%7B%7D"):
        response = web.get(url, headers={"Accept": accept} if accept else {})
        assert response.status_code in ((200,) if editor else (200, 406))  # 406: as before
        assert (response.mimetype == "text/html") is editor
        assert ("yasgui.min.js" in response.get_data(as_text=True)) is editor


def test_editor_preloads_a_query_and_the_canned_examples(web: FlaskClient) -> None:
    html = page(web, "/sparql?query=ASK%20%7B%7D")
    assert '"query": "ASK {}"' in html and '"run": true' in html
    assert html.count("data-example=") == len(list((SEED_CORPUS.parent / "queries").glob("*.rq")))
    assert page(web, "/sparql?format=html").count("yasgui.min.js") == 1
    posted = web.post("/sparql", data={"query": "ASK {}"}, headers=BROWSER)
    assert posted.status_code == 200 and posted.mimetype != "text/html"  # POST: the protocol


def test_home_counts_classes_and_lists_articles(web: FlaskClient, seed_build: Settings) -> None:
    html = page(web, "/")
    counts = dict(re.findall(r'data-class="(\w+)"><span class="count">(\d+)<', html))
    data = web.get("/?format=json").get_json()
    assert {k: str(v) for k, v in data["classes"].items()} == counts
    proposals = web.get(
        "/sparql",
        query_string={
            "query": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE "
            "{ ?p a <https://w3id.org/cmkg/ontology#Proposal> }"
        },
    ).get_json()["results"]["bindings"][0]["n"]["value"]
    assert counts["Proposal"] == proposals != "0"
    assert len(data["latest_articles"]) == 2
    assert f'href="/article/{SEED_ARTICLE}"' in html


def test_search_json_ranks_putin_first(web: FlaskClient) -> None:
    answer = web.get("/search?q=putin").get_json()
    assert answer["hits"][0]["label"] == "Vladimir Putin"
    assert answer["hits"][0]["href"] == "/id/vladimir-putin"
    assert answer["total"] >= len(answer["hits"]) > 1
    html = page(web, "/search?q=putin")
    first = html[html.index('<ol class="hits"') :]
    assert first.index("Vladimir Putin") < first.index("</li>")
    assert "<mark>Putin</mark>" in html


def test_search_finds_quotes_and_aliases(web: FlaskClient) -> None:
    kremlin = web.get("/search?q=kremlin").get_json()["hits"]
    assert kremlin[0]["href"] == "/id/russian-government"  # "Kremlin" is an alias
    assert web.get("/search?q=%22OR%20NEAR(").status_code == 200  # operators are words


def test_search_without_words(web: FlaskClient) -> None:
    assert web.get("/search").status_code == 400
    assert "Type a name" in page(web, "/search")


def test_complete_filters_by_class(web: FlaskClient) -> None:
    actors = web.get("/search/complete?q=pu&class=Actor").get_json()
    assert "vladimir-putin" in [n["iri"].rsplit("/", 1)[-1] for n in actors]
    people = web.get("/search/complete?q=pu&class=Person").get_json()
    assert [n["iri"].rsplit("/", 1)[-1] for n in people] == ["vladimir-putin"]
    assert web.get("/search/complete?q=pu&class=Resource").get_json() == []


def test_missing_parameter_shows_the_form_not_a_400(web: FlaskClient) -> None:
    html = page(web, "/queries/actor-profile?format=html")
    assert 'id="missing"' in html and 'name="actor"' in html and 'data-class="Actor"' in html
    assert 'id="results"' not in html
    bad = page(web, "/queries/actor-profile?format=html&actor=not%20a%20slug", status=400)
    assert "parameter actor must be" in bad and 'id="query-form"' in bad
    assert web.get("/queries/actor-profile").status_code == 400  # the API is unchanged


def test_widgets_follow_parameter_types(web: FlaskClient) -> None:
    html = page(web, "/queries/active-measures?format=html")
    assert re.search(r'<input id="param-as_of" type="date"', html)
    assert re.search(r'<select id="param-include_candidates" name="include_candidates"', html)
    assert '<option value="ExportControl">' in html
    assert "<code>as_of</code>" in html  # Markdown code spans render as code


def test_enumerated_values_are_enforced(web: FlaskClient) -> None:
    assert web.get("/queries/active-measures?type=Claim").status_code == 400
    assert web.get("/queries/active-measures?type=cmkg:Tariff").status_code == 200


def test_results_sort_page_and_show_labels(web: FlaskClient) -> None:
    rows = web.get("/queries/timeline").get_json()["results"]["bindings"]
    kinds = sorted((r["kind"]["value"] for r in rows), reverse=True)
    html = page(web, "/queries/timeline?format=html&sort=kind&order=desc&per_page=3&page=2")
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    cells = re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", body)
    assert cells == kinds[3:6]
    assert f"{len(rows)} rows. Page 2 of {-(-len(rows) // 3)}." in html
    assert 'aria-sort="descending"' in html
    assert 'title="https://w3id.org/cmkg/id/us-sanctions-on-russia">US sanctions on' in page(
        web, "/queries/timeline?format=html"
    )


def test_views_are_linked_and_state_what_they_draw(web: FlaskClient) -> None:
    assert "view=network" in page(web, "/queries/conflicts-graph?format=html")
    html = page(web, "/queries/conflicts-graph?view=network")
    nodes, edges, conflicts = (
        int(re.search(rf'data-{name}="(\d+)"', html).group(1))  # type: ignore[union-attr]
        for name in ("nodes", "edges", "conflicts")
    )
    count = web.get(
        "/sparql",
        query_string={
            "query": "PREFIX cmkg: <https://w3id.org/cmkg/ontology#> SELECT (COUNT(*) AS ?n) "
            "WHERE { ?c a cmkg:Conflict ; cmkg:reviewStatus cmkg:Accepted }"
        },
    ).get_json()["results"]["bindings"][0]["n"]["value"]
    assert conflicts == int(count) > 0 and nodes > 0 and edges > conflicts
    chart = page(web, "/queries/market-concentration?view=chart")
    assert 'data-rows="2"' in chart and '"mark": {"cursor": "pointer"' in chart.replace("\n", "")
    assert web.get("/queries/timeline?view=network").status_code == 400


def test_reader_marks_every_accepted_fact(web: FlaskClient) -> None:
    html = page(web, f"/article/{SEED_ARTICLE}")
    review = load_review(SEED_CORPUS / "review" / f"{SEED_ARTICLE}.yaml")
    marks = re.findall(r'<mark [^>]*data-facts="([^"]*)"[^>]*>([^<]*)</mark>', html)
    for fact in (c for c in review.candidates if c.status == "accepted"):
        covered = "".join(text for ids, text in marks if fact.id in ids.split())
        quotes = "".join(e.quote for e in sorted(fact.evidence, key=lambda e: e.start))
        assert covered.replace("&#39;", "'").replace("&amp;", "&") == quotes, fact.id
    assert page(web, "/article/no-such-article", status=404)


@pytest.fixture
def curator(seed_home: Path) -> Iterator[tuple[FlaskClient, Path]]:
    """An app on a writable seed corpus with an update token and one undecided candidate."""
    from server import create_app
    from server.app import shutdown_app

    path = seed_home / "corpus" / "review" / f"{SEED_ARTICLE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["candidates"].append({**data["candidates"][0], "id": "undecided", "status": "candidate"})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    settings = load_settings({"home": seed_home, "timeout": 0, "update_token": TOKEN}, environ={})
    application = create_app(settings)
    yield application.test_client(), path
    shutdown_app(application)


def test_curator_decision_writes_the_file_as_kg_review_does(
    curator: tuple[FlaskClient, Path], tmp_path: Path
) -> None:
    client, path = curator
    twin = tmp_path / "twin"
    shutil.copytree(path.parents[2], twin)
    html = page(client, f"/article/{SEED_ARTICLE}")
    assert 'data-fact="undecided" data-status="candidate"' in html and "data-decide" in html
    url = f"/article/{SEED_ARTICLE}/review"
    assert client.post(url, json={"accept": ["undecided"]}).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post(url, json={"accept": ["undecided"]}, headers=wrong).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = path.read_bytes()
    assert client.post(url, json={"accept": ["nope"]}, headers=auth).status_code == 404
    twice = {"accept": ["undecided"], "reject": ["undecided"]}
    assert client.post(url, json=twice, headers=auth).status_code == 400
    assert path.read_bytes() == before  # refused decisions change nothing
    answer = client.post(url, json={"accept": ["undecided"]}, headers=auth)
    assert answer.status_code == 200 and answer.get_json()["statuses"]["undecided"] == "accepted"
    result = kg(twin, "review", SEED_ARTICLE, "--accept", "undecided")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (twin / "corpus" / "review" / f"{SEED_ARTICLE}.yaml").read_bytes()
    assert list(path.parent.glob(".*.tmp")) == []


def test_decisions_are_refused_without_a_server_token(seed_home: Path) -> None:
    from server import create_app
    from server.app import shutdown_app

    application = create_app(load_settings({"home": seed_home, "timeout": 0}, environ={}))
    try:
        client = application.test_client()
        response = client.post(f"/article/{SEED_ARTICLE}/review", json={"accept": ["x"]})
        assert response.status_code == 403
        assert "data-decide" not in page(client, f"/article/{SEED_ARTICLE}")
    finally:
        shutdown_app(application)
