"""Ranks the guidance themes against a member's message and picks a fresh tip to send by DM."""

from __future__ import annotations

import logging
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from core.content.schema import Content, Theme, Tip
from core.guidance.safety import normalise

__all__ = ["ThemeScore", "TipChoice", "TipRanker", "phrases", "stem", "terms"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThemeScore:
    """How well one theme matches a message (higher is better)."""

    theme: Theme
    score: float


@dataclass(frozen=True)
class TipChoice:
    """The tip to send, the theme it belongs to, and that theme's score (0.0 when picked at random)."""

    theme: Theme
    tip: Tip
    score: float


# --------------------------------------------------------------------------- text to terms

_STOPWORDS: Final = frozenset(
    """
    a about above after again all also am an and any anyone anything are as at be because been before being
    below between both but by can could did do does doing done during each even ever every few for from
    further get gets getting got had has have having he her here hers herself him himself his how i if in
    into is it its itself just let lets like me more most much my myself of off on once only or other our
    ours ourselves out over own same she should so some something such than that the their theirs them
    themselves then there these they thing things this those through to too under until very was we were
    what when where which while who whom why will with would you your yours yourself yourselves im ive id
    ill youre hes shes theyre weve thats theres whats dont doesnt didnt cant wont isnt wasnt arent werent
    couldnt wouldnt shouldnt havent hasnt hadnt gonna wanna really still know think feel felt feels want
    wanted wants way ways say said says tell told make makes made go going went come came see saw need
    needs needed try tried trying help please thanks thank thx hi hello hey yo ok okay lol haha tbh idk
    partner partners husband wife boyfriend girlfriend bf gf spouse hubby fiance fiancee relationship
    relationships marriage married trust trusted trusting trusts us one two lot lots always never time
    times day days week weeks year years now today tonight yesterday anymore lately again well good bad
    sure maybe kind kinda sort actually honestly literally basically etc nothing everything someone everyone
    anybody somebody come comes came coming use used using does thing stuff
    """.split()
)
# Words that ask for "a tip" without naming a topic.
_META: Final = frozenset(
    """
    tip tips another more next new different random advice idea ideas suggestion suggestions something
    anything give send share show one any other else please pls plz surprise
    """.split()
)
# Negations and the like stay in: they matter inside keyword phrases ("not listening").
_KEEP: Final = frozenset({"not", "no", "never", "dont", "doesnt", "cant", "wont", "up", "down", "together", "time"})
_STOPWORDS_EFFECTIVE: Final = _STOPWORDS - _KEEP

_IRREGULAR: Final = {
    # apologies
    **dict.fromkeys(
        "sorry sorries apology apologies apologise apologize apologised apologized apologising apologizing "
        "apologises apologizes apologetic apologetically".split(),
        "apolog",
    ),
    # lies
    **dict.fromkeys("lie lies lied lying liar liars lier untruth untruths".split(), "lie"),
    **dict.fromkeys("fib fibs fibbed fibbing fibber".split(), "fib"),
    **dict.fromkeys("truth truths truthful truthfully truthfulness untrue".split(), "truth"),
    # therapy
    **dict.fromkeys(
        "therapy therapies therapist therapists therapeutic counselling counseling counsellor counselor "
        "counsellors counselors counsel counselled counseled".split(),
        "therap",
    ),
    # family
    **dict.fromkeys("kid kids kiddo kiddos child children childs".split(), "kid"),
    **dict.fromkeys("baby babies newborn infant toddler toddlers".split(), "baby"),
    **dict.fromkeys("mum mom mummy mommy mother".split(), "mom"),
    # feelings and safety
    **dict.fromkeys("anxiety anxious anxiously anxieties".split(), "anxi"),
    **dict.fromkeys("safe safety safely".split(), "safe"),
    **dict.fromkeys("distant distance distanced distancing".split(), "distan"),
    **dict.fromkeys("vulnerable vulnerability vulnerabilities".split(), "vulner"),
    **dict.fromkeys(
        "priority priorities prioritise prioritize prioritised prioritized prioritising prioritizing".split(),
        "priorit",
    ),
    **dict.fromkeys("rely relies relied relying reliable reliably reliability unreliable dependable".split(), "reliab"),
    **dict.fromkeys("trustworthy trustworthiness untrustworthy".split(), "trustworth"),
    **dict.fromkeys(
        "connect connects connected connecting connection connections disconnect disconnected disconnection "
        "reconnect reconnected reconnecting reconnection".split(),
        "connect",
    ),
    **dict.fromkeys("convo convos conversation conversations".split(), "convers"),
    **dict.fromkeys("argue argues argued arguing argument arguments argumentative".split(), "argu"),
    **dict.fromkeys("judgement judgment judgements judgments judgy judgemental judgmental".split(), "judg"),
    **dict.fromkeys("defence defense defensive defensively defensiveness".split(), "defens"),
    **dict.fromkeys("honour honor honours honors honoured honored honouring honoring".split(), "honor"),
    **dict.fromkeys("harbour harbor harbours harbors".split(), "harbor"),
    **dict.fromkeys("behaviour behavior behaviours behaviors".split(), "behavior"),
    **dict.fromkeys("promise promises promised promising".split(), "promis"),
    **dict.fromkeys("compromise compromises compromised compromising".split(), "compromis"),
    **dict.fromkeys("boundary boundaries".split(), "boundar"),
    **dict.fromkeys("respect respects respected respecting respectful respectfully".split(), "respect"),
    **dict.fromkeys(
        "disrespect disrespects disrespected disrespecting disrespectful disrespectfully".split(), "respect"
    ),
    **dict.fromkeys("honest honesty honestly dishonest dishonesty dishonestly".split(), "honest"),
    **dict.fromkeys("space spaces".split(), "space"),
    **dict.fromkeys("value values valued valuing".split(), "valu"),
}
# Roots a "dis-"/"un-"/"re-" prefix may be taken off without changing the topic.
_PREFIX_ROOTS: Final = frozenset({"respect", "honest", "honor", "connect", "reliab", "trustworth", "commit", "build"})
_SUFFIXES_INFLECTION: Final = ("ies", "ied", "ingly", "edly", "ings", "ing", "ed", "ly", "es", "s")
_SUFFIXES_DERIVATION: Final = (
    "ation", "ition", "ement", "ment", "ness", "ful", "ous", "ity", "abil", "ibil", "able", "ible", "abl", "ibl",
    "ise", "ize", "is", "iz", "ive", "iv", "ist", "ism", "ion", "al", "y",
)  # fmt: skip
_OUR: Final = re.compile(r"(?<=[bvmnlgd])our(?=s|ed|ing|able|ably|ite|ites|$)")
_OUR_EXCEPTIONS: Final = frozenset({"devour", "devours", "devoured", "devouring", "amour", "detour", "contour"})
_ISE: Final = re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)$")
_TOKEN: Final = re.compile(r"[a-z][a-z']*")
_MAX_PHRASE: Final = 5


def stem(word: str) -> str:
    """A light, deterministic stemmer: UK/US spellings, plurals, tenses and a few irregular families."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w not in _OUR_EXCEPTIONS:
        w = _OUR.sub("or", w)
    w = _ISE.sub(r"iz\1", w)
    for prefix in ("dis", "un", "re"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            root = stem(w[len(prefix) :])
            if root in _PREFIX_ROOTS:
                return root
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix in _SUFFIXES_INFLECTION:
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    for _ in range(3):
        for suffix in _SUFFIXES_DERIVATION:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        else:
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def _words(text: str) -> list[str]:
    return [m.group(0).strip("'") for m in _TOKEN.finditer(normalise(text))]


def terms(text: str, *, drop_meta: bool = False) -> list[str]:
    """The stemmed content words of ``text`` (no stopwords; no "tip"/"another"... when ``drop_meta``)."""
    words = [w.replace("'", "") for w in _words(text)]
    return [stem(w) for w in words if len(w) > 1 and w not in _STOPWORDS_EFFECTIVE and not (drop_meta and w in _META)]


def phrases(text: str, max_n: int = _MAX_PHRASE) -> list[str]:
    """Every run of 2..``max_n`` stemmed words of ``text``, stopwords included ("keep my word")."""
    stems = [stem(w.replace("'", "")) for w in _words(text)]
    stems = [s for s in stems if s]
    return [" ".join(stems[i : i + n]) for n in range(2, max_n + 1) for i in range(len(stems) - n + 1)]


# --------------------------------------------------------------------------- ranking

# How much each field of a theme counts. Keywords are the theme's own words for itself.
_W_KEYWORD_PHRASE: Final = 6.0
_W_KEYWORD_WORD: Final = 2.0
_W_TITLE: Final = 3.0
_W_SUMMARY: Final = 1.0
_W_WHY: Final = 0.5
_W_TIP: Final = 0.6
_W_PROMPT: Final = 0.6
_W_REFLECTION: Final = 0.4
_K1: Final = 1.2
_B: Final = 0.4


@dataclass(frozen=True)
class _Doc:
    theme: Theme
    weights: dict[str, float]
    length: float


class TipRanker:
    """Scores themes against a message with a weighted BM25 over stemmed words and phrases.

    Example:
        >>> ranker = TipRanker(load_content())  # doctest: +SKIP
        >>> ranker.rank("how do I apologise properly?")[0].theme.id  # doctest: +SKIP
        'say-sorry'
    """

    def __init__(self, content: Content) -> None:
        self._content = content
        self._docs = [self._index(theme) for theme in content.themes]
        self._avg_len = sum(d.length for d in self._docs) / max(len(self._docs), 1)
        frequency: Counter[str] = Counter()
        for doc in self._docs:
            frequency.update(doc.weights.keys())
        total = len(self._docs)
        self._idf = {t: math.log(1.0 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        self._tip_terms = {tip.id: set(terms(tip.text)) for _, tip in content.tips}
        self._all_tips = content.tips
        logger.debug("tip ranker indexed %d themes, %d terms", total, len(frequency))

    @staticmethod
    def _index(theme: Theme) -> _Doc:
        weights: defaultdict[str, float] = defaultdict(float)

        def add(items: Iterable[str], weight: float) -> None:
            for item in items:
                for term in terms(item):
                    weights[term] += weight

        for keyword in theme.keywords:
            whole = [stem(w.replace("'", "")) for w in _words(keyword)]
            if len(whole) == 1:
                weights[whole[0]] += _W_KEYWORD_PHRASE
            elif 1 < len(whole) <= _MAX_PHRASE:
                weights[" ".join(whole)] += _W_KEYWORD_PHRASE
                for word in terms(keyword):
                    weights[word] += _W_KEYWORD_WORD
        add([theme.title], _W_TITLE)
        add([theme.summary], _W_SUMMARY)
        add([theme.why], _W_WHY)
        add((tip.text for tip in theme.tips), _W_TIP)
        add((prompt.text for prompt in theme.prompts), _W_PROMPT)
        add(theme.reflection_questions, _W_REFLECTION)
        return _Doc(theme=theme, weights=dict(weights), length=float(sum(weights.values())))

    def _query(self, text: str) -> set[str]:
        found = set(terms(text, drop_meta=True))
        if found:
            found.update(p for p in phrases(text) if p in self._idf)
        return found

    def rank(self, text: str) -> list[ThemeScore]:
        """Every theme that matches ``text`` at all, best first (ties keep the content order)."""
        query = self._query(text)
        if not query:
            return []
        scored: list[ThemeScore] = []
        for doc in self._docs:
            score = 0.0
            norm = _K1 * (1.0 - _B + _B * doc.length / self._avg_len)
            for term in query:
                tf = doc.weights.get(term)
                if tf:
                    score += self._idf[term] * tf * (_K1 + 1.0) / (tf + norm)
            if score > 0.0:
                scored.append(ThemeScore(theme=doc.theme, score=round(score, 6)))
        scored.sort(key=lambda s: -s.score)
        return scored

    def choose(self, text: str, recent_tip_ids: Sequence[str], seed: int) -> TipChoice:
        """Pick the tip to send for ``text``.

        Topical messages get a tip from the best-matching theme; a message with no topic ("tip",
        "another", "hi", "") gets a fresh tip from any theme, chosen by ``seed``. A tip in
        ``recent_tip_ids`` (oldest first, newest last) is never chosen while any other tip exists;
        when every tip has been seen, the least recently seen one is sent again.

        Raises:
            ValueError: if the content holds no tips at all.
        """
        if not self._all_tips:
            raise ValueError("the content holds no tips")
        rng = random.Random(seed)
        recent = set(recent_tip_ids)
        ranked = self.rank(text)
        if ranked:
            query = {t for t in self._query(text) if " " not in t}
            for entry in ranked:
                fresh = [tip for tip in entry.theme.tips if tip.id not in recent]
                if fresh:
                    return TipChoice(entry.theme, self._best_tip(fresh, query, rng), entry.score)
        themes = [t for t in self._content.themes if any(tip.id not in recent for tip in t.tips)]
        if themes:
            theme = rng.choice(themes)
            tip = rng.choice([tip for tip in theme.tips if tip.id not in recent])
            return TipChoice(theme, tip, 0.0)
        return self._least_recent(recent_tip_ids, ranked)

    def _best_tip(self, fresh: list[Tip], query: set[str], rng: random.Random) -> Tip:
        def overlap(tip: Tip) -> float:
            return sum(self._idf.get(t, 0.0) for t in self._tip_terms.get(tip.id, set()) & query)

        best = max(overlap(tip) for tip in fresh)
        return rng.choice([tip for tip in fresh if overlap(tip) == best])

    def _least_recent(self, recent_tip_ids: Sequence[str], ranked: list[ThemeScore]) -> TipChoice:
        last_seen = {tip_id: index for index, tip_id in enumerate(recent_tip_ids)}
        rank_of = {entry.theme.id: index for index, entry in enumerate(ranked)}
        scores = {entry.theme.id: entry.score for entry in ranked}
        theme, tip = min(
            self._all_tips,
            key=lambda pair: (last_seen.get(pair[1].id, -1), rank_of.get(pair[0].id, len(rank_of))),
        )
        return TipChoice(theme, tip, scores.get(theme.id, 0.0))
