"""Canned queries: /queries, /queries/<name>, /openapi.json."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("queries", __name__)
