"""Train the trigger model (extract/triggers.py) on the dev split's gold mentions.

    python -m eval.train_triggers                 train on every annotated dev document,
                                                  write data/triggers.npz
    python -m eval.train_triggers --folds 5       what the model adds, by cross-validation:
                                                  each story is read by a model that never
                                                  saw it, then the dev split is scored

The test split is never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from eval import corpus
from eval.mentions import GoldMention, annotated_documents, gold_mentions, mention_digest
from eval.score import evaluate
from extract.pipeline import build_pipeline
from extract.run import extract_documents, prepare
from extract.triggers import MODEL_PATH, NONE, TriggerModel, readings, train, trigger_lexicon
from ingest.store import StoredDocument

SPLIT = "dev"
GUESSER = "incidentgraph_trigger_model"
READING = ("incidentgraph_trigger_model", "incidentgraph_events")


def _parsed(nlp: Language, documents: list[StoredDocument]) -> dict[str, Doc]:
    """Each document read up to its names, as the trigger model sees it in the pipeline."""
    with nlp.select_pipes(disable=[name for name in READING if name in nlp.pipe_names]):
        docs = nlp.pipe(prepare(nlp, d) for d in documents)
        return {d.id: doc for d, doc in zip(documents, docs, strict=True)}


def _examples(
    docs: dict[str, Doc], doc_ids: Iterable[str], mentions: list[GoldMention]
) -> list[tuple[list[str], str]]:
    """Every verb and noun of the documents, labelled with the event type of the gold
    mention whose trigger it heads, else none."""
    lexicon = trigger_lexicon()
    labelled: dict[tuple[str, int], str] = {}
    for m in mentions:
        span = docs[m.doc_id].char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        if span is not None:
            labelled.setdefault((m.doc_id, span.root.i), m.event_type)
    found = []
    for doc_id in doc_ids:
        for token, names in readings(docs[doc_id], lexicon):
            found.append((names, labelled.get((doc_id, token.i), NONE)))
    return found


def stories(documents: list[StoredDocument]) -> list[list[str]]:
    """Documents joined by a gold event they share or by being a copy: one story each."""
    parent = {d.id: d.id for d in documents}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            doc_id = parent[doc_id]
        return doc_id

    links = [e["documents"] for e in corpus.gold_events(SPLIT)]
    links += [[d.id, d.duplicate_of] for d in documents if d.duplicate_of in parent]
    for group in links:
        for doc_id in group[1:]:
            parent[root(doc_id)] = root(group[0])
    grouped: dict[str, list[str]] = {}
    for d in documents:
        grouped.setdefault(root(d.id), []).append(d.id)
    return sorted(grouped.values())


def _gold(nlp: Language) -> tuple[list[StoredDocument], set[str], list[GoldMention], dict[str, Doc]]:
    """The dev documents, those whose mentions are all annotated, the mentions, and the
    annotated documents read up to their names: what training and cross-validation share."""
    documents = list(corpus.documents(SPLIT))
    annotated = annotated_documents(SPLIT)
    mentions = gold_mentions(SPLIT)
    return documents, annotated, mentions, _parsed(nlp, [d for d in documents if d.id in annotated])


def train_all(nlp: Language) -> TriggerModel:
    _, annotated, mentions, docs = _gold(nlp)
    examples = _examples(docs, sorted(annotated), mentions)
    meta = {
        "split": SPLIT,
        "documents": len(annotated),
        "mentions": len(mentions),
        "gold": mention_digest(mentions),
    }
    return train(examples, meta=meta)


def cross_validate(nlp: Language, folds: int, thresholds: list[float]) -> None:
    """Scores of the dev split read with the rules alone, then with the model at each
    threshold, every story read by a model trained without it."""
    documents, annotated, mentions, docs = _gold(nlp)
    fold_of = {doc_id: n % folds for n, group in enumerate(stories(documents)) for doc_id in group}
    models = [
        train(_examples(docs, sorted(d for d in annotated if fold_of[d] != fold), mentions))
        for fold in range(folds)
    ]
    guesser = nlp.get_pipe(GUESSER)
    settings = [None, *thresholds]
    wanted = ("events F1", "event mentions", "actor right", "date right", "claimant", "status")
    wanted += ("established", "clustering")
    for threshold in settings:
        facts: dict[str, dict] = {}
        for fold in range(folds):
            guesser.model = models[fold] if threshold is not None else None
            guesser.threshold = threshold
            held_out = [d for d in documents if fold_of[d.id] == fold]
            facts.update((d.id, f) for d, f in extract_documents(held_out, nlp=nlp))
        print("## rules only" if threshold is None else f"## model at threshold {threshold}")
        for name, _, detail in evaluate(SPLIT, facts).rows:
            if name.startswith(wanted):
                print(f"  {name}: {detail}", flush=True)


def main(argv: list[str] | None = None) -> int:
    about = __doc__.split("\n\n")[0]
    parser = argparse.ArgumentParser(prog="python -m eval.train_triggers", description=about)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate by story instead of training")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.7, 0.85])
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    if args.folds:
        cross_validate(nlp, args.folds, args.thresholds)
        return 0
    model = train_all(nlp)
    model.save(MODEL_PATH)
    print(f"wrote {MODEL_PATH} ({len(model.feature_index)} features, {model.meta})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
