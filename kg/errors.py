"""The one error hierarchy of the project.

Every error a user can cause is a :class:`KGError` whose message says what to fix.
The CLI prints ``error: <message>`` and exits with :attr:`KGError.exit_code`; the HTTP
server answers ``{"error": <message>, "status": <http_status>}``.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can fix; never shown with a traceback."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(KGError):
    """Wrong arguments, parameters or request shape."""

    exit_code = 2
    http_status = 400


class InputError(KGError):
    """An input file (article, review file, query file) is unusable."""

    exit_code = 2
    http_status = 400


class NotFoundError(KGError):
    """A named thing (article, graph, query, resource) does not exist."""

    exit_code = 3
    http_status = 404


class ConflictError(KGError):
    """The request would overwrite something without being told to."""

    exit_code = 2
    http_status = 409


class ValidationError(KGError):
    """Data failed a check: SHACL shapes, evidence quotes, ontology consistency."""

    exit_code = 4
    http_status = 422


class BuildError(KGError):
    """``kg build`` could not produce a dataset; the previous build is left intact."""

    exit_code = 4
    http_status = 500


class QuerySyntaxError(UsageError):
    """A SPARQL query or update does not parse."""


class QueryTimeoutError(KGError):
    """A query ran past its time limit and was stopped."""

    exit_code = 5
    http_status = 503


class NotSupportedError(KGError):
    """Something this configuration cannot do (e.g. writes over a remote ``--backend``)."""

    exit_code = 2
    http_status = 501


class EnvironmentProblem(KGError):
    """Something the machine lacks (Java for HermiT, a store directory, ...)."""

    exit_code = 6
    http_status = 500
