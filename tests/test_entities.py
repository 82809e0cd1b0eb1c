from __future__ import annotations

import numpy as np
import pytest

from nato_digest.entities import (
    LABELS,
    MODEL_PATH,
    _forbidden_transitions,
    default_recognizer,
    spans_from_labels,
    to_bilou,
    viterbi,
)
from nato_digest.model import Article
from nato_digest.segment import segment


def mentions(text: str) -> list[tuple[str, str]]:
    document = segment(Article("t", text))
    found = default_recognizer()(document)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "NATO Secretary-General Jens Stoltenberg met Turkish Prime Minister Ahmet Davutoglu in Brussels on Monday.",
            [("NATO", "ORG"), ("Jens Stoltenberg", "PER"), ("Turkish", "MISC"), ("Ahmet Davutoglu", "PER"), ("Brussels", "LOC")],
        ),
        (
            "“We will not leave,” said Mr. Kerry after talks with Russian President Vladimir Putin in Moscow.",
            [("Kerry", "PER"), ("Russian", "MISC"), ("Vladimir Putin", "PER"), ("Moscow", "LOC")],
        ),
        (
            "Mr Howard told the BBC that Labour would lose.",
            [("Howard", "PER"), ("BBC", "ORG"), ("Labour", "ORG")],
        ),
        (
            "The European Union and the United Nations condemned the attack on Aleppo.",
            [("European Union", "ORG"), ("United Nations", "ORG"), ("Aleppo", "LOC")],
        ),
    ],
)
def test_mentions_on_real_sentences(text, expected):
    assert mentions(text) == expected


def test_all_caps_headline():
    found = dict(mentions("RUSSIA WARNS TURKEY OVER DOWNED JET\n\nMoscow said on Tuesday that Ankara would pay."))
    assert found["RUSSIA"] == "LOC" and found["TURKEY"] == "LOC" and found["Moscow"] == "LOC"


def test_one_type_per_name_in_an_article():
    text = " ".join(["Petofi beat Vasas 2-1 on Sunday."] * 3 + ["Coach Kovacs praised Petofi."])
    labels = {label for name, label in mentions(text) if name == "Petofi"}
    assert len(labels) == 1


def test_bilou_and_spans():
    bio = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "I-LOC", "O", "B-ORG"]
    bilou = to_bilou(bio)
    assert bilou == ["B-PER", "L-PER", "O", "U-LOC", "B-LOC", "I-LOC", "L-LOC", "O", "U-ORG"]
    assert spans_from_labels(bilou) == spans_from_labels(bio) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 7, "LOC"), (8, 9, "ORG")]


def test_viterbi_never_breaks_bilou_constraints():
    rng = np.random.default_rng(0)
    transition, start, end = _forbidden_transitions()
    for _ in range(50):
        emission = rng.normal(size=(7, len(LABELS))).astype(np.float32)
        path = [LABELS[j] for j in viterbi(emission, transition, start, end)]
        assert path[0][0] in "OBU" and path[-1][0] in "OLU"
        for a, b in zip(path, path[1:]):
            assert (a[0] in "BI") == (b[0] in "IL")
            if b[0] in "IL":
                assert a[2:] == b[2:]


def test_shipped_model_is_small_text():
    from importlib import resources

    resource = resources.files("nato_digest") / "/".join(MODEL_PATH)
    data = resource.read_bytes()
    assert data[:2] == b"\x1f\x8b" and len(data) < 10_000_000
