"""The years a message names, to tell a past long over ("in 2011 my ex choked me...") from danger now."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

__all__ = ["LONG_AGO_YEARS", "latest_year", "told_long_ago"]

# A message whose latest year is at least this many years before today tells of a past, not of now.
LONG_AGO_YEARS: Final = 3
_EARLIEST: Final = 1950
# A year (1950-2099) standing alone or in a range ("2017-2018"): not part of a date ("12/03/2011"), a price
# ("$2000", "2000 euros") or a longer number. "since 2019" (and its Spanish, Portuguese and French words) means
# it goes on today, as does "2019 to now"; either counts as this year.
_YEAR: Final = re.compile(
    r"(?:(?<=\d{4}-)|(?<![\w$£€.,/:#-]))(?P<since>(?:since|desde|depuis|d[eè]s)\s+(?:(?:the\s+)?(?:early|late|mid)[\s-]+|"
    r"l'ann[ée]e\s+|o\s+ano\s+de\s+|el\s+a[ñn]o\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?![\w%€$£]|[.,:/]\d|-(?!(?:19|20)\d\d\b)\d)"
    r"(?P<to_now>\s*(?:-|–|to|until|till|through|a|à|at[ée]|hasta|jusqu'(?:à|a)|au)\s*(?:now|present|today|"
    r"hoy|hoje|agora|ahora|aujourd'hui|maintenant|date))?"
    r"(?!\s*(?:dollars|bucks|euros|pounds|quid|reais|pesos|francs|cfa|rand|naira|k\b|km|miles|kilomet|words|"
    r"people|calories|steps|followers|messages|texts))",
    re.IGNORECASE,
)


# Fear told in the present ("I'm scared of him", "j'ai peur de lui") says it goes on, whatever years are named.
_AFRAID_NOW: Final = re.compile(
    r"\b(?:i'm|i am|im|i'm still|i am still|i still feel|i'm always|i am always) (?:so |really |very |still |always )?"
    r"(?:scared|afraid|terrified|frightened) (?:of|for) (?:him|her|them|my life)\b|"
    r"\b(?:tengo|sigo teniendo) (?:mucho )?miedo (?:de|a) (?:él|el|ella)\b|\btenho (?:muito )?medo (?:dele|dela)\b|"
    r"\bj'ai (?:encore |toujours |tr[eè]s )?peur (?:de lui|d'elle|pour ma vie)\b",
    re.IGNORECASE,
)


def latest_year(text: str, today: date) -> int | None:
    """The latest year ``text`` names (a year still going on counts as ``today``'s), or None when it names none."""
    years: list[int] = []
    for match in _YEAR.finditer(text):
        year = int(match.group("year"))
        if year < _EARLIEST:
            continue
        going_on = match.group("since") is not None or match.group("to_now") is not None
        years.append(today.year if going_on else min(year, today.year))
    return max(years, default=None)


def told_long_ago(text: str, today: date) -> bool:
    """True when every year ``text`` names lies at least :data:`LONG_AGO_YEARS` before ``today``.

    Example:
        >>> told_long_ago("In 2011 my ex choked me. I left that week.", date(2026, 12, 1))
        True
        >>> told_long_ago("We married in 2010 and since 2019 he reads my phone", date(2026, 12, 1))
        False
        >>> told_long_ago("He hit me in 2015. He hasn't done it again but I'm scared of him.", date(2026, 12, 1))
        False
    """
    latest = latest_year(text, today)
    return latest is not None and latest <= today.year - LONG_AGO_YEARS and not _AFRAID_NOW.search(text)
