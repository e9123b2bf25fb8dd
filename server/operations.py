"""Operational routes: /healthz, /stats, /.well-known/void."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("operations", __name__)
