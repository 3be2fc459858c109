"""Source adapters. Importing this package registers every built-in adapter."""

from ingest.adapters import federal_register, feed, files, page, sitemap  # noqa: F401  (registration)
from ingest.adapters.base import registry

__all__ = ["registry"]
