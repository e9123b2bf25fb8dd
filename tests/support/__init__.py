"""Helpers shared by the tests: data builders, the CLI runner, paths."""
