"""Exporters: each output format is a renderer on the common base."""

from graph.export import json_export  # noqa: F401  (registration)
from graph.export.common import exporters

__all__ = ["exporters"]
