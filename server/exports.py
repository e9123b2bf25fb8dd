"""Dataset dumps under /export."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("exports", __name__)
