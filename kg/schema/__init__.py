"""The ontology itself: ``kg ontology check`` (check: parsers, house rules, HermiT, shapes),
the OWL 2 DL profile (profile) and the HTML documentation (docs)."""

from kg.schema.check import check_ontology

__all__ = ["check_ontology"]
