"""The model made faster (its attribute ruler swapped, its matrix products through numpy's
BLAS): the same rules, the same annotations on every token."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from kg.extract.model import MODEL_PACKAGE, load_fresh, quicken_attribute_ruler, use_numpy_blas
from tests.support.paths import REPO

DEVSET = REPO / "tests" / "fixtures" / "devset" / "dev"


@pytest.fixture(scope="module")
def stock() -> Any:
    """The model exactly as its package loads it (spaCy's own AttributeRuler)."""
    return importlib.import_module(MODEL_PACKAGE).load()


def annotations(doc: Any) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_)
        for t in doc
    ]


def test_the_swapped_ruler_keeps_the_models_rules(stock: Any, spacy_model: Any) -> None:
    ours = spacy_model.get_pipe("attribute_ruler")
    assert type(ours) is not type(stock.get_pipe("attribute_ruler"))
    assert ours.patterns == stock.get_pipe("attribute_ruler").patterns
    assert spacy_model.pipe_names == stock.pipe_names


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "There is a deal, and there were two more.",  # expl + be: a two-token rule
        "We're gon na see, let's say, what they got ta do.",  # index 1 rules
        "The U.S. imposed a 25% tariff on gallium and germanium on Feb. 5, 2025.",
        "“Nobody wants to depend on one country,” an executive said.\tShares rose 53%.",
        "BEIJING, Feb. 5 (Reuters) - China's commerce ministry said it would ban exports.",
    ],
)
def test_same_annotations_as_the_stock_model(stock: Any, spacy_model: Any, text: str) -> None:
    assert annotations(spacy_model(text)) == annotations(stock(text))


def test_same_annotations_on_the_dev_articles(stock: Any, spacy_model: Any) -> None:
    lines = [
        line
        for path in sorted(DEVSET.glob("*.txt"))[:12]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 50
    ours = [annotations(d) for d in spacy_model.pipe(lines)]
    assert ours == [annotations(d) for d in stock.pipe(lines)]


@pytest.mark.filterwarnings("ignore::UserWarning")  # the lemmatizer misses POS
def test_rules_added_later_apply_in_rule_order(stock: Any) -> None:
    nlp = load_fresh()
    ruler = nlp.get_pipe("attribute_ruler")
    nlp("warm the look-up table")
    ruler.add([[{"LOWER": "table"}]], {"LEMMA": "first"})
    ruler.add([[{"TAG": "NN", "LOWER": {"IN": ["table", "chair"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "table"}]], {"POS": "PROPN"}, index=-1)
    doc = nlp("the table")
    assert (doc[1].lemma_, doc[1].pos_) == ("second", "PROPN")
    assert stock("the table")[1].lemma_ == "table"
    ruler.clear()
    assert nlp("the table")[1].pos_ == ""  # no rule sets the part of speech now


def test_quickening_twice_keeps_the_rules(spacy_model: Any) -> None:
    nlp = load_fresh()
    before = nlp.get_pipe("attribute_ruler").patterns
    quicken_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler").patterns == before
    text = "Australia's lithium exports rose 12% last year."
    assert annotations(nlp(text)) == annotations(spacy_model(text))


def test_every_layer_multiplies_with_numpy_in_one_thread(spacy_model: Any) -> None:
    from threadpoolctl import threadpool_info

    layers = [
        layer
        for _, component in spacy_model.pipeline
        if getattr(component, "model", None) is not None
        for layer in component.model.walk()
    ]
    assert len(layers) > 50
    assert all(layer.ops.name == "numpy" and not layer.ops.use_blis for layer in layers)
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


def test_numpy_blas_gives_the_stock_annotations(stock: Any) -> None:
    """The products differ from blis's in the last bits of a float; no prediction does."""
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    use_numpy_blas(nlp)
    lines = [
        line
        for path in sorted(DEVSET.glob("*.txt"))[12:24]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert [annotations(d) for d in nlp.pipe(lines)] == [annotations(d) for d in stock.pipe(lines)]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_rules_of_several_tokens_run_only_where_they_can_match() -> None:
    nlp = load_fresh()
    ruler = nlp.get_pipe("attribute_ruler")
    plan = ruler._planned()
    seen: list[str] = []

    class Spy:
        def __len__(self) -> int:
            return len(plan.several)

        def __call__(self, doc: Any, **options: Any) -> Any:
            seen.append(doc.text)
            return plan.several(doc, **options)

    ruler._plan = plan._replace(several=Spy())
    nlp("Lithium prices rose again in March.")  # no "there" + "is", no "gon na", ...
    assert seen == []
    doc = nlp("There is a deal.")
    assert seen == ["There is a deal."]
    assert doc[1].pos_ == "VERB"  # the expletive rule: "is" after "there" is a verb
