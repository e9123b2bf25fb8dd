"""Dereferenceable IRIs: /id/<slug> and /ontology."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("linked_data", __name__)
