"""Date expressions: found by pattern, normalised with precision and an anchor.

Absolute dates stand alone; dates without a year take the document's year or
the nearest explicit year before them; "today" and weekdays anchor to the
document date; "three days later" anchors to the referenced or last dated
event. What cannot be resolved stays unknown: never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "several": None,
    "few": None,
    "a few": None,
}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_MD = rf"{_MONTH}\s+{_DAY}(?:,?\s+(?:\d{{4}}))?"
_DM = rf"{_DAY}\s+{_MONTH}(?:\s+\d{{4}})?"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "interval",
        re.compile(
            rf"\b(?i:between|from)\s+(?P<a>{_MD}|{_DM})\s+(?:and|to|through|until)\s+(?P<b>{_MD}|{_DM}|{_DAY})"
        ),
    ),
    (
        "year_interval",
        re.compile(
            r"\b(?i:between|from)\s+(?P<ya>(?:19|20)\d{2})\s+(?:and|to|through|until)\s+(?P<yb>(?:19|20)\d{2})\b"
        ),
    ),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("month_day", re.compile(rf"\b(?P<md>{_MD})\b")),
    ("day_month", re.compile(rf"\b(?P<dm>{_DM})\b")),
    (
        "relative",
        re.compile(
            rf"\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?)\s+(?:(?P<dir>later|earlier|ago)\b|(?P<dir_ref>after|before)\b(?P<ref>\s+[^,.;:!?()]{{1,80}})?)",
            re.I,
        ),
    ),
    (
        # "seven months later", "the following year": counted from the last date the text
        # gave, at the precision of the unit.
        "relative_period",
        re.compile(
            rf"\b(?P<n>{_NUM})\s+(?P<unit>months?|years?)\s+(?:(?P<dir>later|earlier|ago)\b"
            r"|(?P<pdir>after|before)\b(?P<pref>\s+[^,.;:!?()]{1,80})?)"
            r"|\bthe\s+(?P<which>following|next|previous)\s+(?P<unit2>month|year)\b",
            re.I,
        ),
    ),
    (
        "following_day",
        re.compile(
            r"\bthe\s+same\s+day\s+(?:that|when|as)\s+(?P<ref4>[^,.;:!?()]{1,80})"
            r"|\bthe\s+(?P<week>following|next|previous)\s+week\b"
            r"|\b(?:the\s+)?(?P<which>following|next|previous|same)\s+day\b|\bthe\s+day\s+(?P<dir2>after|before)(?P<ref2>\s+[^,.;:!?()]{1,80})?|\bthe\s+day\s+(?:that\s+|when\s+|on\s+which\s+)?(?P<ref3>(?:the\s+[a-z-]+|he|she|it|they)\s+(?:was\s+\w+|[a-z]+ed|took|began|came|went|won|lost|left)\b[^,.;:!?()]{0,40})",
            re.I,
        ),
    ),
    (
        # "which had said that day", "on that date", "later that evening": the day the text
        # gave last.
        "that_day",
        re.compile(
            r"\b(?:(?:later|earlier)\s+)?(?:on\s+)?that\s+(?:same\s+)?(?:day|date|morning|afternoon|evening|night)\b",
            re.I,
        ),
    ),
    (
        # "a few minutes later", "hours after Altman's removal": the same day as what it follows.
        "same_day_count",
        re.compile(
            r"\b(?:(?:a\s+)?few|several|two|three|four|five|six|\d{1,2}|an?)\s+(?:minutes?|hours?)\s+"
            r"(?:(?P<hdir>later)\b|(?P<hdir_ref>after)\b(?P<href>\s+[^,.;:!?()]{1,80})?)"
            r"|\bhours\s+(?P<hdir2>later|after)\b(?P<href2>\s+[^,.;:!?()]{1,80})?",
            re.I,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<word>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night|earlier today)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<prefix>(?i:last|this|on|next)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        # "between February and August", "from March to May 2024": months, at month precision.
        "month_interval",
        re.compile(
            rf"\b(?i:between|from)\s+(?P<ma>{_MONTH})(?:\s+(?P<ya>\d{{4}}))?\s+(?:and|to|through|until)\s+"
            rf"(?P<mb>{_MONTH})(?:,?\s+(?P<yb>\d{{4}}))?\b(?!\s*\d)"
        ),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    ("relative_year", re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.I)),
    ("part_of_year", re.compile(r"\b(?P<part>early|late|mid-?)\s*(?P<y>(?:19|20)\d{2})\b", re.I)),
    ("named_month", re.compile(rf"\b(?P<which>(?i:last|this|next))\s+(?P<mon>{_MONTH})\b(?!\s*\d)")),
    (
        # "the end of that month": the month the text gave last.
        "that_month",
        re.compile(
            r"\b(?:the\s+(?:beginning|start|end|middle)\s+of\s+|(?:later|earlier)\s+)?(?:that|the)\s+(?:same\s+)?(?P<unit>month|year)\b(?<!the\smonth)(?<!the\syear)",
            re.I,
        ),
    ),
    (
        "month_part",
        re.compile(
            rf"\b(?P<part>mid-|early\s+|late\s+|[Ii]n\s+|[Ss]ince\s+|[Bb]y\s+|[Uu]ntil\s+|(?:the\s+)?(?:start|beginning|middle|end)\s+of\s+)(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?(?!\s*\d)"
        ),
    ),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<y>\d{{4}})\b")),
    (
        "period_part",
        re.compile(
            r"\b(?:the\s+)?(?P<part>beginning|start|end|middle)\s+of\s+the\s+(?P<unit>month|year)\b",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"\b(?P<which>last|this|next)\s+(?P<unit>week|month)\b", re.I)),
    (
        # "in 2022", and a year that modifies a noun: "the 2022 rules".
        "year",
        re.compile(
            r"\b(?i:in|since|during|by|until)\s+(?P<y>20\d{2}|19\d{2})\b"
            r"|\b(?:[Tt]he|[Aa]|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?P<y2>20\d{2}|19\d{2})(?=\s+[a-z])"
            r"(?!\s+(?:percent|per|pages?|words?|miles?|kilometres?|kilometers?|times|units?|dollars?|euros?|pounds?))"
        ),
    ),
    (
        # A month alone ("the fine came in November" is caught above; "November" alone here),
        # in the year the text last gave. "May" alone is a verb more often than a month.
        "bare_month",
        re.compile(
            r"\b(?P<mon>January|February|March|April|June|July|August|September|October|November|December)\b"
            r"(?!\s*\d)"
        ),
    ),
    (
        # An order or notice that dates itself: "effective on the date of this order".
        "self_date",
        re.compile(
            r"\bthe\s+(?:date|day)\s+of\s+(?:this|the\s+present)\s+"
            r"(?:order|notice|rule|directive|decision|determination|letter|statement)\b",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class DateValue:
    """A normalised date. `value`/`end` are ISO (YYYY-MM-DD, YYYY-MM or YYYY) or None."""

    text: str
    start: int
    end_char: int
    value: str | None
    end: str | None
    precision: str  # day | month | year | unknown
    anchor: str  # explicit | document | event:<type> | previous-event | invalid | unresolved
    kind: str  # which pattern found it

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.value) if self.value and self.precision == "day" else None


@dataclass(frozen=True)
class DateExpression:
    kind: str
    text: str
    start: int
    end: int
    groups: dict[str, str | None]


def find_expressions(text: str, offset: int = 0) -> list[DateExpression]:
    """Date expressions in `text`, longest match first, never overlapping."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and end > a for a, b in taken):
                # "twenty days after it was published on July 12, 2024": the reference holds
                # a date of its own; the count stands, dated from that date.
                if (cut := _before_dated_reference(match, taken)) is None:
                    continue
                start, end, inner = cut
                found.append(
                    DateExpression(
                        kind,
                        text[start:end],
                        start + offset,
                        end + offset,
                        {**match.groupdict(), "ref_date": inner},
                    )
                )
                taken.append((start, end))
                continue
            taken.append((start, end))
            found.append(
                DateExpression(kind, match.group(0), start + offset, end + offset, match.groupdict())
            )
    return sorted(found, key=lambda e: e.start)


def _before_dated_reference(
    match: re.Match[str], taken: list[tuple[int, int]]
) -> tuple[int, int, str] | None:
    """(start, end, the inner date's text) of a relative expression whose reference clause
    holds an explicit date, cut before the reference; None when it is not that case."""
    ref = next((name for name in ("ref", "ref2") if match.groupdict().get(name)), None)
    if ref is None:
        return None
    start, ref_start, end = match.start(), match.start(ref), match.end()
    inside = [(a, b) for a, b in taken if a < end and b > start]
    if not inside or any(a < ref_start for a, _ in inside):
        return None
    a, b = inside[0]
    return start, ref_start, match.string[a:b]


def _month_day(text: str, year: int | None) -> tuple[str | None, str, str]:
    """('YYYY-MM-DD' | None, precision, anchor) for 'June 15', '15 June 2026', ..."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    day_number = next((n for n in numbers if n <= 31), None)
    explicit_year = next((n for n in numbers if n > 31), None)
    anchor = "explicit" if explicit_year else "document"
    year = explicit_year or year
    if month is None or day_number is None:
        return None, "unknown", "invalid"
    if year is None:
        return None, "unknown", "unresolved"
    try:
        return date(year, month, day_number).isoformat(), "day", anchor
    except ValueError:
        return None, "unknown", "invalid"


@dataclass
class DateContext:
    """What a relative date may anchor to, updated as a document is read in order."""

    document_date: date | None
    year: int | None = None  # nearest explicit year seen so far, else the document's
    year_given: bool = False  # whether the text gave `year` (else it is the document's)
    year_sentence: int | None = None  # where the sentence that gave it starts
    last_event: date | None = None
    last_event_by_type: dict[str, date] | None = None
    noun_types: dict[str, str] | None = None  # "launch" -> "release", "letter" -> "accusation"
    last_date: date | None = None  # the last calendar day the text gave, event or not
    last_period: str | None = None  # the last date the text gave at any precision (ISO)
    sentence: str = ""  # the sentence being read, and where it starts in the document
    sentence_start: int = 0
    previous: DateValue | None = None  # the last date resolved in this sentence
    # What the story dates by its words (see DatedWords): "the crash" in "two days after
    # the crash" takes the date of the sentence that told of the crash.
    dated_words: DatedWords | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.document_date:
            self.year = self.document_date.year
        self.last_event_by_type = self.last_event_by_type or {}
        self.noun_types = self.noun_types or {}

    def give_year(self, year: int) -> None:
        """The text names a year: dates without one that follow take it."""
        self.year, self.year_given, self.year_sentence = year, True, self.sentence_start

    def start_sentence(self, text: str, start: int) -> None:
        self.sentence, self.sentence_start, self.previous = text, start, None


@dataclass
class DatedWords:
    """The content words of each sentence that gives a calendar date of its own (a day or
    a month, from the calendar or the document date), mapped to that date (the one beside
    the word, when the sentence gives several), so that a reference elsewhere in the story
    ("the day after the crash", "two weeks before the hearing", "two months after the
    governor suspended its testing") can find the date of what it names, before or after
    it in the text."""

    by_lemma: dict[str, list[tuple[int, DateValue]]]  # lemma -> [(sentence start, date)]
    # sentence start -> [(start, end, lemma, where the word's syntactic head starts)]
    sentence_words: dict[int, list[tuple[int, int, str, int]]]

    def of_reference(self, sentence_start: int, start: int, end: int) -> DateValue | None:
        """The date of a word of the reference (chars start..end), its head first ("crash"
        in "the crash", "end" in "the strike ended"), then the others in order, from the
        nearest other sentence that dates that word: before this one, else after it."""
        inside = [w for w in self.sentence_words.get(sentence_start, []) if w[0] >= start and w[1] <= end]
        for _, _, lemma, _ in sorted(inside, key=lambda w: start <= w[3] < end):
            elsewhere = [(s, d) for s, d in self.by_lemma.get(lemma, []) if s != sentence_start]
            before = [pair for pair in elsewhere if pair[0] < sentence_start]
            after = [pair for pair in elsewhere if pair[0] > sentence_start]
            if before:
                return before[-1][1]
            if after:
                return after[0][1]
        return None


def resolve(expr: DateExpression, ctx: DateContext) -> DateValue:
    value, end, precision, anchor = _resolve(expr, ctx)
    result = DateValue(expr.text, expr.start, expr.end, value, end, precision, anchor, expr.kind)
    ctx.previous = result
    if value and precision == "day" and not end and anchor in ("explicit", "document"):
        ctx.last_date = date.fromisoformat(value)
    if value and anchor in ("explicit", "document", "previous-date"):
        ctx.last_period = end or value  # "between February and August ... that month": August
    return result


def _resolve(expr: DateExpression, ctx: DateContext) -> tuple[str | None, str | None, str, str]:
    g = expr.groups
    kind = expr.kind
    doc = ctx.document_date
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat(), None, "day", "explicit"
        except ValueError:
            return None, None, "unknown", "invalid"
    if kind in ("month_day", "day_month"):
        value, precision, anchor = _month_day(expr.text, ctx.year)
        if anchor == "explicit" and value:
            ctx.give_year(int(value[:4]))
        elif value:
            value = _placed(ctx, expr, date.fromisoformat(value)).isoformat()
        return value, None, precision, anchor
    if kind == "interval":
        first, _, a1 = _month_day(g["a"], ctx.year)
        if first and a1 == "document":
            first = _placed(ctx, expr, date.fromisoformat(first)).isoformat()
        second_text = g["b"] if re.search(r"[A-Za-z]{3}", g["b"]) else f"{g['a'].split()[0]} {g['b']}"
        second, _, _ = _month_day(second_text, int(first[:4]) if first else ctx.year)
        if first and second and second < first and not re.search(r"\d{4}", g["b"]):
            # "between December 20 and January 12" runs into the next year; "between June 5
            # and April 22" is no interval at all
            later = _shift(date.fromisoformat(second), 1)
            if later - date.fromisoformat(first) <= timedelta(days=92):
                second = later.isoformat()
        if first and second and second >= first:
            return first, second, "day", a1
        return None, None, "unknown", "invalid" if "invalid" in (a1,) else "unresolved"
    if kind == "deictic":
        if doc is None:
            return None, None, "unknown", "unresolved"
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(g["word"].lower(), 0)
        return (doc + timedelta(days=shift)).isoformat(), None, "day", "document"
    if kind == "weekday":
        if doc is None:
            return None, None, "unknown", "unresolved"
        target = WEEKDAYS[g["wd"].lower()]
        prefix = (g["prefix"] or "").strip().lower()
        back = (doc.weekday() - target) % 7
        if prefix == "next":
            forward = (target - doc.weekday()) % 7 or 7
            return (doc + timedelta(days=forward)).isoformat(), None, "day", "document"
        if prefix == "last" and back == 0:
            back = 7
        return (doc - timedelta(days=back)).isoformat(), None, "day", "document"
    if kind in ("month_part", "month_year", "bare_month"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        if g.get("y"):
            # "in March 2023 ... at the end of April": April 2023
            ctx.give_year(int(g["y"]))
        year = int(g["y"]) if g.get("y") else ctx.year
        if year is None:
            return None, None, "unknown", "unresolved"
        if not g.get("y"):
            year = _placed(ctx, expr, date(year, month, 1), whole_month=True).year
        return f"{year:04d}-{month:02d}", None, "month", "explicit" if g.get("y") else "document"
    if kind == "month_interval":
        year = int(g["yb"] or g["ya"]) if (g["yb"] or g["ya"]) else ctx.year
        first, last = MONTHS[g["ma"].lower().rstrip(".")], MONTHS[g["mb"].lower().rstrip(".")]
        if year is None or last < first:
            return None, None, "unknown", "unresolved"
        start_year = int(g["ya"]) if g["ya"] else year
        return (
            f"{start_year:04d}-{first:02d}",
            f"{year:04d}-{last:02d}",
            "month",
            "explicit" if g["yb"] else "document",
        )
    if kind == "quarter":
        year = int(g["y"]) if g.get("y") else ctx.year
        if year is None:
            return None, None, "unknown", "unresolved"
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["q"].lower()) or int(g["q"][0])
        return (
            f"{year:04d}-{3 * q - 2:02d}",
            f"{year:04d}-{3 * q:02d}",
            "month",
            "explicit" if g.get("y") else "document",
        )
    if kind == "relative_year":
        if doc is None:
            return None, None, "unknown", "unresolved"
        step = {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
        return f"{doc.year + step:04d}", None, "year", "document"
    if kind == "part_of_year":
        return g["y"], None, "year", "explicit"
    if kind == "named_month":
        if doc is None:
            return None, None, "unknown", "unresolved"
        month = MONTHS[g["mon"].lower().rstrip(".")]
        which = g["which"].lower()
        year = doc.year
        if which == "last" and month >= doc.month:
            year -= 1
        elif which == "next" and month <= doc.month:
            year += 1
        return f"{year:04d}-{month:02d}", None, "month", "document"
    if kind == "that_month":
        base = ctx.last_period
        if base is None or (g["unit"].lower() == "month" and len(base) < 7):
            return None, None, "unknown", "unresolved"
        return (
            (base[:7] if g["unit"].lower() == "month" else base[:4]),
            None,
            g["unit"].lower(),
            "previous-date",
        )
    if kind == "year":
        return g["y"] or g["y2"], None, "year", "explicit"
    if kind == "self_date":
        if doc is None:
            return None, None, "unknown", "unresolved"
        return doc.isoformat(), None, "day", "document"
    if kind == "year_interval":
        if g["yb"] < g["ya"]:
            return None, None, "unknown", "invalid"
        return g["ya"], g["yb"], "year", "explicit"
    if kind == "relative_period":
        if g.get("pdir"):
            # "fined on May 23, two months after it ordered ...": the expression restates the
            # date before it; else it counts from the date of what it names, if the story gave one.
            value, _, _, anchor = _restated(ctx, expr)
            if value is None:
                return _months_after_named(ctx, expr, g)
            # a count of months or years dates to the month or the year
            width = 4 if g["unit"].lower().startswith("year") else 7
            return value[:width], None, ("year" if width == 4 else "month"), anchor
        return _period_after(ctx, g)
    if kind == "last_week":
        if doc is None:
            return None, None, "unknown", "unresolved"
        step = {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
        if g["unit"].lower() == "month":
            month_index = doc.year * 12 + doc.month - 1 + step
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", None, "month", "document"
        monday = doc - timedelta(days=doc.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "day", "document"
    if kind == "relative":
        count = NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if count is None:
            return None, None, "unknown", "unresolved"
        days = count * UNITS[g["unit"].lower()]
        direction = (g.get("dir") or g.get("dir_ref") or "").lower()
        if direction == "ago":
            if doc is None:
                return None, None, "unknown", "unresolved"
            return (doc - timedelta(days=days)).isoformat(), None, "day", "document"
        sign = 1 if direction in ("later", "after") else -1
        return _anaphoric(expr, ctx, g.get("ref"), sign * days)
    if kind == "that_day":
        return _that_day(ctx)
    if kind == "same_day_count":
        return _anaphoric(expr, ctx, g.get("href") or g.get("href2"), 0)
    if kind == "following_day":
        if g.get("week"):
            return _week_of(ctx, expr, -1 if g["week"].lower() == "previous" else 1)
        which = (g.get("which") or "").lower()
        direction = (g.get("dir2") or "").lower()
        shift = {"following": 1, "next": 1, "previous": -1, "same": 0}.get(which)
        if shift is None:
            shift = {"after": 1, "before": -1}.get(direction, 0)
        if g.get("ref4"):
            # "on the same day that Brad Smith told Congress": the day the story gives that act
            return _anaphoric(expr, ctx, g["ref4"], 0)
        return _anaphoric(expr, ctx, g.get("ref2") or g.get("ref3"), shift)
    if kind == "period_part":
        if doc is None:
            return None, None, "unknown", "unresolved"
        if g["unit"].lower() == "year":
            return f"{doc.year:04d}", None, "year", "document"
        return f"{doc.year:04d}-{doc.month:02d}", None, "month", "document"
    return None, None, "unknown", "unresolved"


# How far after publication a day without a year can still be one the story looks ahead to.
LATER_THAN_SCHEDULED = 60
# Words that put what follows them in the future for certain ("plans" and "would" do not) ...
_CERTAIN_FUTURE = (
    r"will|shall|next|upcoming|scheduled|due|takes?\s+effect|goes\s+into\s+effect|comes?\s+into\s+force"
)
_WILL = re.compile(rf"\b(?:{_CERTAIN_FUTURE})\b", re.I)
# ... and words that may put a date ahead of publication: "the rules take effect in August".
_FUTURE = re.compile(rf"\b(?:{_CERTAIN_FUTURE}|should|would|expected|plans?|effective)\b", re.I)
# ... and the word before it: "set a trial for December", "until March".
_AHEAD = re.compile(r"\b(?:for|until|till|by|before)\s*$", re.I)


def _placed(ctx: DateContext, expr: DateExpression, named: date, whole_month: bool = False) -> date:
    """A day or month named without a year takes the year the text last gave, else the
    publication's. A year given in its own sentence stands; otherwise news tells the past
    as past and the future as future:
    - in a sentence that does not look ahead, a day more than LATER_THAN_SCHEDULED days after
      publication, or a month after the publication's, is the most recent one before it
      ("the chatbot launched on December 23", in a January story; "Polis signed it on
      August 28", after a sentence about a 2026 deadline);
    - after words that look ahead ("will", "due", "takes effect"), one already past at
      publication is the next one ("lawmakers will return to it in January")."""
    doc = ctx.document_date
    if doc is None or (ctx.year_given and ctx.year_sentence == ctx.sentence_start):
        return named  # "took effect on August 15, 2026, a month after it was issued on July 13"
    prefix = ctx.sentence[: expr.start - ctx.sentence_start]
    if _WILL.search(prefix):  # "will return to them in January"
        last_day = month_end(named) if whole_month else named
        while last_day < doc:
            named, last_day = _shift(named, 1), _shift(last_day, 1)
        return named
    if _FUTURE.search(ctx.sentence) or _AHEAD.search(prefix):
        return named  # "... on March 3, saying it would hurt exports", "had it by January 12"
    latest = named if whole_month else named - timedelta(days=LATER_THAN_SCHEDULED)
    while latest > doc:
        named, latest = _shift(named, -1), _shift(latest, -1)
    return named


def month_end(day: date) -> date:
    """The last day of the day's month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _shift(day: date, step: int) -> date:
    """The same day `step` years on; February 29 becomes February 28."""
    try:
        return day.replace(year=day.year + step)
    except ValueError:
        return day.replace(year=day.year + step, day=28)


def _week_of(ctx: DateContext, expr: DateExpression, step: int) -> tuple[str | None, str | None, str, str]:
    """ "were let go the previous week": Monday to Sunday of the week before (or after) the
    day the act is read against, as "three days later" reads it."""
    base = _anaphoric(expr, ctx, None, 0)
    if base[0] is None or base[2] != "day":
        return None, None, "unknown", "unresolved"
    day = date.fromisoformat(base[0])
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "day", base[3]


def _that_day(ctx: DateContext) -> tuple[str | None, str | None, str, str]:
    """The day given just before in the sentence, else the last calendar day the text
    gave, else the last dated event."""
    if (
        ctx.previous is not None
        and ctx.previous.value
        and ctx.previous.precision == "day"
        and not ctx.previous.end
    ):
        return ctx.previous.value, None, "day", "previous-date"
    if ctx.last_date is not None:
        return ctx.last_date.isoformat(), None, "day", "previous-date"
    if ctx.last_event is not None:
        return ctx.last_event.isoformat(), None, "day", "previous-event"
    return None, None, "unknown", "unresolved"


def _before(ctx: DateContext, expr: DateExpression) -> tuple[DateValue, str] | None:
    """The date resolved just before `expr` in its sentence (one value, not an interval),
    and the text between them."""
    previous = ctx.previous
    if previous is None or not previous.value or previous.end:
        return None
    return previous, ctx.sentence[previous.end_char - ctx.sentence_start : expr.start - ctx.sentence_start]


def _restated(ctx: DateContext, expr: DateExpression) -> tuple[str | None, str | None, str, str]:
    if (found := _before(ctx, expr)) and _APPOSITION.match(found[1]):
        return found[0].value, None, found[0].precision, "apposition"
    return None, None, "unknown", "unresolved"


def _period_after(ctx: DateContext, g: dict) -> tuple[str | None, str | None, str, str]:
    """ "The Garante fined it in March 2022, and the CNIL seven months later": October 2022.
    Months need a base known to the month; years a base known to the year."""
    if g.get("which"):
        unit = g["unit2"].lower()
        count = {"following": 1, "next": 1, "previous": -1}[g["which"].lower()]
    else:
        unit = g["unit"].lower().rstrip("s")
        number = NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if number is None:
            return None, None, "unknown", "unresolved"
        count = number if g["dir"].lower() == "later" else -number
    if g.get("dir") and g["dir"].lower() == "ago":
        # "about 11 years ago": counted back from the publication date, at the unit's precision
        if ctx.document_date is None:
            return None, None, "unknown", "unresolved"
        base = ctx.document_date.isoformat()[: 4 if unit == "year" else 7]
        anchor = "document"
    else:
        base, anchor = ctx.last_period, "previous-date"
    if base is None or (unit == "month" and len(base) < 7):
        return None, None, "unknown", "unresolved"
    if unit == "year":
        return f"{int(base[:4]) + count:04d}", None, "year", anchor
    return _months_on(base, count), None, "month", anchor


def _named_date(ctx: DateContext, expr: DateExpression, reference: str) -> DateValue | None:
    """The date the story gave to what the reference names (the reference ends the expression)."""
    if ctx.dated_words is None:
        return None
    start = expr.end - len(reference)
    return ctx.dated_words.of_reference(ctx.sentence_start, start, expr.end)


def _months_after_named(
    ctx: DateContext, expr: DateExpression, g: dict
) -> tuple[str | None, str | None, str, str]:
    """ "two months after Governor Ducey suspended its testing": the suspension's month,
    moved by the count, at month (or year) precision."""
    number = NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
    named = _named_date(ctx, expr, g["pref"] or "")
    if number is None or named is None or not named.value:
        return None, None, "unknown", "unresolved"
    count = number if g["pdir"].lower() == "after" else -number
    if g["unit"].lower().startswith("year"):
        return f"{int(named.value[:4]) + count:04d}", None, "year", "named-event"
    if named.precision not in ("day", "month"):
        return None, None, "unknown", "unresolved"
    return _months_on(named.value, count), None, "month", "named-event"


def _months_on(value: str, count: int) -> str:
    """The month (YYYY-MM) `count` months after the month of an ISO date or month."""
    index = int(value[:4]) * 12 + int(value[5:7]) - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _referenced_type(ctx: DateContext, reference: str) -> str | None:
    """The event type a reference names: 'the launch', 'Anthropic launched Fable 5', 'the order was signed'."""
    for word in re.findall(r"[a-z-]+", reference.lower()):
        for form in (word, word.removesuffix("s"), word.removesuffix("ed"), word.removesuffix("d")):
            if form in ctx.noun_types:
                return ctx.noun_types[form]
    return None


# "The launch comes ten days after ...": the expression dates the event its sentence
# opens with, which the text dated before.
_DATED_SUBJECT = re.compile(
    r"^(?:the|its|this)\s+(?P<noun>[a-z-]+)\b.*?\b(?:comes|came|arrives|arrived|follows|followed|lands|landed|is|was)"
    r"(?:\s+(?:exactly|just|only|about|nearly|some|almost))?\s*$",
    re.I | re.S,
)
# Nouns that name whatever act the story just told: "The move came two weeks after ...".
ACT_NOUNS = {
    "move",
    "action",
    "step",
    "decision",
    "episode",
    "announcement",
    "change",
    "withdrawal",
    "approval",
}
# "on Monday evening, three days after the launch": an apposition restates the date before it.
_COORDINATED = re.compile(r"^[^,.;:]{0,80},?\s+(?:and|or)\s*$")
# A count set off by a comma at the end of the clause it places (not "…, and three days later").
# Words that may qualify a count set off by a comma: "on Friday, less than three months after".
_QUALIFIER = r"(?:(?:less|more|fewer)\s+than|about|nearly|almost|just|only|some|barely|roughly)?"
_CLAUSE_APPOSITION = re.compile(rf"[^\s,]\s*,\s*{_QUALIFIER}\s*$", re.I)
_APPOSITION = re.compile(rf"^(?:\s+(?:morning|afternoon|evening|night))?\s*,\s*{_QUALIFIER}\s*$", re.I)


def _anaphoric(
    expr: DateExpression, ctx: DateContext, reference: str | None, days: int
) -> tuple[str | None, str | None, str, str]:
    if (found := _before(ctx, expr)) and found[0].precision == "day":
        previous, between = found
        if _APPOSITION.match(between):
            return previous.value, None, "day", "apposition"
        if reference and reference.strip() and _CLAUSE_APPOSITION.search(between):
            # "Musk on Tuesday withdrew the lawsuit he had filed, a day before a judge was
            # to hear it": the count, set off by a comma, places the clause's act, whose
            # day the sentence already gave.
            return previous.value, None, "day", "apposition"
        if _COORDINATED.match(between) and previous.anchor.startswith("event:"):
            # "comes two weeks after X, and eleven days after Y": both date the same event.
            return previous.value, None, "day", previous.anchor
    if expr.groups.get("ref_date"):
        value, precision, _ = _month_day(expr.groups["ref_date"], ctx.year)
        if value and precision == "day":
            return (
                (date.fromisoformat(value) + timedelta(days=days)).isoformat(),
                None,
                "day",
                "reference-date",
            )
        return None, None, "unknown", "unresolved"
    if reference and reference.strip():
        before = ctx.sentence[: expr.start - ctx.sentence_start]
        subject = _DATED_SUBJECT.match(before)
        if subject:
            noun = subject["noun"].lower()
            event_type = ctx.noun_types.get(noun)
            if event_type in ctx.last_event_by_type:
                day = ctx.last_event_by_type[event_type]
                return day.isoformat(), None, "day", f"event:{event_type}"
            if noun in ACT_NOUNS and ctx.last_event is not None:
                # "The move came two weeks after ...": the act the story just told
                return ctx.last_event.isoformat(), None, "day", "previous-event"
    return _relative(ctx, expr, reference, days)


def _relative(
    ctx: DateContext, expr: DateExpression, reference: str | None, days: int
) -> tuple[str | None, str | None, str, str]:
    # "three days after the launch" anchors to the launch; "three days later" to the last event.
    if reference and reference.strip():
        # The date the story gives the very word the reference uses ("the demonstration" in
        # "OpenAI's May 13 demonstration"), else the last event of the type it names.
        named = _named_date(ctx, expr, reference)
        if named is not None and named.precision == "day":
            shifted = date.fromisoformat(named.value) + timedelta(days=days)
            return shifted.isoformat(), None, "day", "named-event"
        event_type = _referenced_type(ctx, reference)
        if event_type in ctx.last_event_by_type:
            base = ctx.last_event_by_type[event_type]
            return (base + timedelta(days=days)).isoformat(), None, "day", f"event:{event_type}"
        return None, None, "unknown", "unresolved"
    # "Two weeks later" counts from the last day the text gave, event or background ("The
    # suspension had lasted since March 31. Two weeks later ..."); "the same day" is the day
    # of the last act told. Each falls back on the other.
    anchors = [(ctx.last_date, "previous-date"), (ctx.last_event, "previous-event")]
    for base, anchor in anchors if days else anchors[::-1]:
        if base is not None:
            return (base + timedelta(days=days)).isoformat(), None, "day", anchor
    return None, None, "unknown", "unresolved"
