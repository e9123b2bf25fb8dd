"""One module per blueprint. A route module imports :mod:`server.state` and the shared helper
modules of :mod:`server` (answers, payloads, links, negotiation, protocol, ...), never
:mod:`server.app` and never another route module (checked by import-linter)."""
