"""Stage 3, the graph: review files + registry + ontology -> named graphs (assemble), checked
against the SHACL shapes (shapes), with the ontology as the build needs it (vocabulary) and the
inference rules of ontology/rules (inference)."""

from kg.graph.assemble import Assembly, assemble_dataset
from kg.graph.inference import apply_rules
from kg.graph.shapes import ShapeViolation, shacl_violations

__all__ = ["Assembly", "ShapeViolation", "apply_rules", "assemble_dataset", "shacl_violations"]
