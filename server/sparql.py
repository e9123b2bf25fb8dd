"""SPARQL 1.1 Protocol (query, update) at /sparql and the Graph Store Protocol at /store."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("sparql", __name__)
