"""One spaCy pipeline for every extraction test: loading it is the slow part."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extract.pipeline import build_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()
