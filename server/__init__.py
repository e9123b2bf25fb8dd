"""The cmkg HTTP server: a Flask app built by :func:`create_app`."""

from server.app import create_app

__all__ = ["create_app"]
