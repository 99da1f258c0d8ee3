"""Two linear text classifiers (scikit-learn), trained once per process from the labelled messages.

One scores how likely a message is to suggest danger, in any of the supported languages; the
other ranks the guidance themes for an ordinary English message. Both read word 1-2-grams and
character 2-5-grams (so typos and other spellings still share features), weighted by TF-IDF,
into a logistic regression. Training takes a second or two; it happens once per process, on
first use or when the core warms up, and is shared by every core in the process.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.content.schema import Content
from core.guidance.corpus import TrainingMessage, load_training
from core.guidance.safety import blank_idioms, normalise

__all__ = ["GuidanceModel", "guidance_model", "prepare", "start_training", "theme_documents"]

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_models: dict[tuple[str, int], GuidanceModel] = {}

DANGER_C = 0.5
THEME_C = 0.5
# Thresholds on the danger classifier's score, chosen by 5-fold cross-validation on the training
# messages only (tests/benchmarks/tip_accuracy.py --tune): with the rules, CLEAR keeps false alarms
# at 2.9% (the rules alone give 1.6%); CONCERN reaches about 97% of danger messages and adds the help
# line to about 21% of the others.
DANGER_CLEAR = 0.566
DANGER_CONCERN = -0.28


def theme_documents(content: Content) -> tuple[list[str], list[str]]:
    """The themes' own words (keywords, tips, prompts, summaries) as extra training text."""
    texts: list[str] = []
    labels: list[str] = []
    for theme in content.themes:
        own = [*theme.keywords, theme.title, theme.summary, theme.why]
        own += [tip.text for tip in theme.tips] + [prompt.text for prompt in theme.prompts]
        own += list(theme.reflection_questions)
        texts += own
        labels += [theme.id] * len(own)
    return texts, labels


def _features() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    return make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, strip_accents="unicode"),
    )


def _classifier(c: float, *, balanced: bool) -> Any:
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(_features(), LinearSVC(C=c, class_weight="balanced" if balanced else None))


def danger_text(text: str) -> str:
    """What the danger classifier reads: normalised, with harmless idioms ("dying to know") blanked."""
    return blank_idioms(normalise(text))


@dataclass
class GuidanceModel:
    """The trained classifiers, and the English words the theme model knows."""

    danger: Any
    themes: Any
    vocabulary: frozenset[str]
    digest: str

    @classmethod
    def train(cls, messages: Sequence[TrainingMessage], content: Content, digest: str = "") -> GuidanceModel:
        started = time.perf_counter()
        extra_texts, extra_labels = theme_documents(content)
        # The content's own words (tips, prompts, summaries) are ordinary, never danger.
        texts = [danger_text(m.text) for m in messages] + [danger_text(t) for t in extra_texts]
        labels = [m.label == "danger" for m in messages] + [False] * len(extra_texts)
        danger = _classifier(DANGER_C, balanced=True).fit(texts, labels)
        topical = [(normalise(m.text), m.theme) for m in messages if m.lang == "en" and m.theme is not None]
        themes = _classifier(THEME_C, balanced=False).fit(
            [t for t, _ in topical] + [normalise(t) for t in extra_texts],
            [str(label) for _, label in topical] + extra_labels,
        )
        words = themes.steps[0][1].transformer_list[0][1].vocabulary_
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        vocabulary = frozenset(w for w in words if " " not in w and len(w) > 2 and w not in ENGLISH_STOP_WORDS)
        logger.info("guidance models trained on %d messages in %.1f s", len(messages), time.perf_counter() - started)
        return cls(danger=danger, themes=themes, vocabulary=vocabulary, digest=digest)

    def danger_score(self, text: str) -> float:
        """The danger classifier's score for ``text`` (above 0: more likely danger than not)."""
        return float(self.danger.decision_function([danger_text(text)])[0])

    def rank_themes(self, text: str) -> list[tuple[str, float]]:
        """Every theme with its score for ``text``, best first."""
        scores = self.themes.decision_function([normalise(text)])[0]
        ranked = sorted(zip(self.themes.classes_, scores, strict=True), key=lambda pair: -pair[1])
        return [(str(theme), float(score)) for theme, score in ranked]

    def knows(self, words: Sequence[str]) -> bool:
        """True when some content word of the message is one the theme model learned."""
        return any(word in self.vocabulary for word in words)


def guidance_model(content: Content) -> GuidanceModel:
    """The process's trained model for this content (trained on first call; thread-safe)."""
    messages, digest = load_training()
    key = (digest, id(content))
    model = _models.get(key)
    if model is None:
        with _lock:
            model = _models.get(key)
            if model is None:
                model = GuidanceModel.train(messages, content, digest)
                _models[key] = model
    return model


def _trained(content: Content) -> bool:
    return (load_training()[1], id(content)) in _models


def start_training(content: Content) -> None:
    """Train in a background thread now, so the first message does not wait (no-op once trained)."""
    if not _trained(content):
        threading.Thread(target=guidance_model, args=(content,), name="guidance-training", daemon=True).start()


async def prepare(content: Content) -> None:
    """Wait, without blocking the event loop, until the model for ``content`` is trained."""
    if not _trained(content):
        await asyncio.to_thread(guidance_model, content)
