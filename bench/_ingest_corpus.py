"""Synthetic news for the ingest benchmarks: articles written from a seeded word list, so
every figure is reproducible and no text comes from a real article."""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

SYLLABLES = ["ka", "lo", "mer", "dan", "ti", "vo", "rus", "pel", "an", "sor", "qui", "bel", "ton", "ga", "ri"]
ACTORS = ["Anthropic", "OpenAI", "Alibaba", "the Commerce Department", "a cloud reseller", "the agency"]
VERBS = ["said", "reported", "denied", "confirmed", "announced", "disputed", "restricted", "released"]


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    filler = " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))
    return f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} that {filler}."


def article_text(rng: random.Random, words: list[str], paragraphs: int = 4) -> list[str]:
    return [" ".join(sentence(rng, words) for _ in range(3)) for _ in range(paragraphs)]


def rewrite(rng: random.Random, words: list[str], paragraphs: list[str], changes: int = 4) -> list[str]:
    """A light rewrite: a few words swapped, as an outlet does when it re-edits wire copy."""
    tokens = " ".join(paragraphs).split(" ")
    for _ in range(changes):
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
    text = " ".join(tokens)
    return [text]


def page_html(title: str, paragraphs: list[str], day: int) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="2026-06-{day:02d}T08:00:00Z"></head>'
        f"<body><nav>Home | World | Tech</nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Synthetic outlet. All rights reserved.</footer></body></html>"
    )


def write_feeds(root: Path, feeds: int, entries: int, seed: int = 20260612) -> int:
    """`feeds` RSS feeds with `entries` items in all, each item linking to its own page."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    (root / "feeds").mkdir(parents=True, exist_ok=True)
    (root / "pages").mkdir(parents=True, exist_ok=True)
    per_feed = entries // feeds
    for f in range(feeds):
        items = []
        for e in range(per_feed):
            slug, day = f"f{f:02d}-e{e:03d}", 1 + (f + e) % 28
            title = f"Dispatch {slug}: {rng.choice(words)} {rng.choice(words)}"
            (root / "pages" / f"{slug}.html").write_text(
                page_html(title, article_text(rng, words), day), encoding="utf-8"
            )
            items.append(
                f"<item><title>{escape(title)}</title>"
                f"<link>https://demo.incidentgraph.test/pages/{slug}.html</link>"
                f"<guid>{slug}</guid><pubDate>{day:02d} Jun 2026 08:00:00 GMT</pubDate></item>"
            )
        (root / "feeds" / f"outlet-{f:02d}.rss").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Outlet {f}</title><link>https://demo.incidentgraph.test/</link>"
            f"<description>Synthetic</description>{''.join(items)}</channel></rss>",
            encoding="utf-8",
        )
    return per_feed * feeds
