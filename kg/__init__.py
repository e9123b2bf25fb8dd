"""Critical Minerals Knowledge Graph: pipeline library and command-line interface."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cmkg")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["__version__"]
