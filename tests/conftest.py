"""Fixtures shared by the whole suite."""

from tests.canned import canned

__all__ = ["canned"]
