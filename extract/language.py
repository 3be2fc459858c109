"""Is a text English? A stopword-share heuristic, so other languages are marked, not mis-extracted.

No dependency and no download: the share of English function words among a text's
words is about 0.4 in English news and below 0.1 in German, French, Italian or
Spanish, whose own function words rarely coincide with English ones; a text
mostly in a non-Latin script is not English either. Texts too short to judge are
read as English, so nothing is lost.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

MIN_WORDS = 12  # fewer words than this: too short to judge
MIN_LETTERS = 40
ENGLISH_SHARE = 0.15  # at least this share of English stop words: English
LATIN_LETTERS = 0x250  # Basic Latin through Latin Extended-B
SAMPLE_CHARS = 20_000  # the opening of a long text is enough to judge it
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect(text: str) -> tuple[str, str]:
    """('en' | 'other' | 'unknown', the reason in words)."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        latin = sum(1 for c in letters if ord(c) < LATIN_LETTERS) / len(letters)
        if latin < 0.5:
            return "other", f"mostly non-Latin script ({1 - latin:.0%} of letters)"
    words = [w.lower() for w in WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return "unknown", f"too short to judge ({len(words)} words); read as English"
    share = sum(1 for w in words if w in STOP_WORDS) / len(words)
    if share < ENGLISH_SHARE:
        return "other", f"English function words are {share:.0%} of words (English text: about 40%)"
    return "en", f"English function words are {share:.0%} of words"
