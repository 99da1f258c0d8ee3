"""The guidance model: what the kinds classifier learns, and how the danger score reads plain cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from core.content import load_content
from core.guidance.corpus import TrainingMessage, load_training
from core.guidance.model import DANGER_CLEAR, DANGER_CONCERN, guidance_model, kind_of, log_count_ratios


def test_log_count_ratios_favour_features_of_danger_rows() -> None:
    # rows: danger with feature 0; ordinary with both; ordinary with feature 1 (a weight, not a count, in row 2)
    features = csr_matrix(np.array([[0.7, 0.0], [0.2, 0.4], [0.0, 0.9]]))
    ratios = log_count_ratios(features, np.array([True, False, False]))
    # rows holding each feature, plus one: danger [2, 1] of 3; others [2, 3] of 5
    assert ratios == pytest.approx([math.log((2 / 3) / (2 / 5)), math.log((1 / 3) / (3 / 5))])
    assert ratios[0] > 0 > ratios[1]


def test_each_training_message_has_one_kind() -> None:
    assert kind_of(TrainingMessage(text="he follows me home", label="danger", category="stalking")) == "danger:stalking"
    assert kind_of(TrainingMessage(text="how do I say sorry", label="say-sorry")) == "theme:say-sorry"
    assert kind_of(TrainingMessage(text="c'est dur", label="topical", category="be-honest", lang="fr")) == (
        "theme:be-honest"
    )
    assert kind_of(TrainingMessage(text="killing it at work", label="safe", category="idiom")) == "safe"
    assert kind_of(TrainingMessage(text="asdf qwer", label="unclear")) == "unclear"


def test_the_kinds_classifier_knows_every_danger_category_and_theme() -> None:
    content = load_content()
    model = guidance_model(content)
    kinds = {str(k) for k in model.kinds.classes_}
    categories = {m.category for m in load_training()[0] if m.label == "danger"}
    assert {f"danger:{c}" for c in categories} <= kinds
    assert {f"theme:{t.id}" for t in content.themes} <= kinds
    assert int(model._danger_kinds.sum()) == len(categories)


def test_the_danger_score_separates_plain_cases() -> None:
    model = guidance_model(load_content())
    assert model.danger_score("every time I see his car outside my work I freeze, he was told to stay away") > (
        DANGER_CONCERN
    )
    assert model.danger_score("how do I show my wife I am listening when she talks about her day") < DANGER_CONCERN
    assert DANGER_CONCERN < DANGER_CLEAR


def test_one_message_is_read_exactly_as_the_vectorizers_would_read_it() -> None:
    # The fast path for one DM must give the very row scikit-learn's transform gives, or the thresholds chosen
    # in cross-validation (which used transform) would not hold.
    from sklearn.feature_extraction.text import TfidfVectorizer

    from core.guidance.model import _featurize, _one_row

    vectorizers = [
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, strip_accents="unicode"),
    ]
    corpus = ["he hit me again", "she reads my phone every night", "how do I say sorry", "il me frappe", "sorry sorry"]
    _featurize(vectorizers, corpus, fit=True)
    analyzers = [v.build_analyzer() for v in vectorizers]
    for text in [*corpus, "He HIT me, again and again!", "désolé", "", "zzz qqq", "sorry " * 50]:
        expected = _featurize(vectorizers, [text]).toarray()
        assert _one_row(vectorizers, analyzers, text).toarray() == pytest.approx(expected, abs=1e-12), text


def test_the_same_messages_train_the_same_model() -> None:
    # liblinear's dual solver visits the rows in a random order; seeded, a retrained process (or a cross-validation
    # fold) scores every message exactly as the one whose thresholds were read.
    from core.guidance.model import GuidanceModel

    content = load_content()
    messages = load_training()[0][::150]
    first, second = (GuidanceModel.train(messages, content) for _ in range(2))
    for name in ("danger", "kinds", "themes"):
        assert np.array_equal(getattr(first, name).coef_, getattr(second, name).coef_), name
    assert first.danger_score("he took my phone and my keys again") == second.danger_score(
        "he took my phone and my keys again"
    )
