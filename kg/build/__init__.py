"""Build stage: read the corpus once and pass it down the stages
(corpus -> assemble -> validate -> load -> infer -> write) into ``build/``.

Public API: :func:`build_dataset` and its :class:`BuildSummary`.
"""

from kg.build.dataset import BuildSummary, build_dataset

__all__ = ["BuildSummary", "build_dataset"]
