"""YAML reading and writing with libyaml's C parser and emitter when PyYAML has them.

The C classes (``yaml.CSafeLoader``, ``yaml.CSafeDumper``) resolve tags with the same Python
resolver as the pure-Python safe ones, so the loaded values are the same, and the dumper
gives the same bytes for the mappings, lists, strings, numbers and dates the corpus files
hold, except that libyaml escapes characters beyond the Basic Multilingual Plane: such a
document is dumped again by the Python emitter (property-tested against it). Reading YAML
was most of the time of re-extracting a large corpus with the pure-Python classes.
"""

from __future__ import annotations

from typing import Any

import yaml

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
YAMLError = yaml.YAMLError


def safe_load(text: str) -> Any:
    """Like :func:`yaml.safe_load`, with the C parser when available."""
    return yaml.load(text, Loader=Loader)


def safe_dump(data: Any, *, width: int) -> str:
    """Like ``yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=width)``."""
    text: str = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=width)
    if "\\U" in text:
        # libyaml escapes characters beyond the Basic Multilingual Plane (emoji, some CJK)
        # where the Python emitter writes them as they are: keep the Python bytes then.
        text = yaml.dump(
            data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=width
        )
    return text
