"""Duplicates and near-duplicates: the exact key, word shingles, MinHash signatures and the Deduplicator."""

from __future__ import annotations

import random

import pytest

from filters.dedup import (
    NUM_PERM,
    Deduplicator,
    Verdict,
    exact_key,
    jaccard,
    shingles,
    signature_from_values,
    signatures,
)

VOCABULARY = (
    "garden soil compost leaves water spade seed bed row onion carrot bean pea leek tomato squash fork rake hose "
    "path fence shed bench sun rain frost spring summer autumn winter morning evening week month plant sow pick "
    "dig weed mulch straw bucket barrow hedge apple pear plum cherry root stem flower bud branch twig grass"
).split()


def text_of(count: int, seed: int) -> list[str]:
    """`count` words drawn from a garden vocabulary, the same for the same seed."""
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


def changed(tokens: list[str], positions: list[int]) -> str:
    """The text with the words at `positions` replaced by a word not in the vocabulary."""
    return " ".join(f"changed{i}" if i in positions else word for i, word in enumerate(tokens))


TEXT = text_of(200, seed=7)
ORIGINAL = " ".join(TEXT)


def test_exact_key_ignores_case_punctuation_and_spacing():
    key = exact_key("Turn the heap every few weeks, and water it in dry spells.")
    assert exact_key("turn THE heap\n every few weeks  and water it -- in dry spells!") == key
    assert exact_key("Turn the heap every two weeks, and water it in dry spells.") != key
    assert exact_key("the Turn heap every few weeks, and water it in dry spells.") != key


def test_a_text_shorter_than_a_shingle_is_one_shingle():
    assert shingles("Three small words") == {b"three small words"}
    assert len(shingles(ORIGINAL)) <= len(TEXT) - 4


def test_an_exact_duplicate_names_the_text_held():
    dedup = Deduplicator()
    verdict, key, signature = dedup.check(ORIGINAL)
    assert verdict == Verdict(None) and signature is not None
    dedup.add("http://a.test/original", key, signature)
    verdict, again, _ = dedup.check(ORIGINAL.upper().replace(" ", ",  "))
    assert (verdict.reason, verdict.kept_url, again) == ("duplicate", "http://a.test/original", key)


def test_a_near_duplicate_names_the_text_held():
    near = changed(TEXT, [60, 140])
    assert 0.85 < jaccard(shingles(ORIGINAL), shingles(near)) < 1
    dedup = Deduplicator()
    dedup.add("http://a.test/original", *dedup.check(ORIGINAL)[1:])
    verdict, _, _ = dedup.check(near)
    assert (verdict.reason, verdict.kept_url) == ("near_duplicate", "http://a.test/original")
    assert 0.8 <= verdict.similarity < 1


def test_a_distinct_text_is_kept():
    dedup = Deduplicator()
    dedup.add("http://a.test/original", *dedup.check(ORIGINAL)[1:])
    other = " ".join(text_of(200, seed=8))
    assert jaccard(shingles(ORIGINAL), shingles(other)) < 0.05
    assert dedup.check(other)[0] == Verdict(None)


@pytest.mark.parametrize(("min_words", "reason"), [(50, None), (5, "near_duplicate")])
def test_short_texts_are_judged_by_their_exact_key_only(min_words, reason):
    short_a = text_of(45, seed=9)
    short_b = changed(short_a, [44])
    # The last word differs: 40 of 42 five-grams shared, a near copy if the text were long enough to judge.
    assert jaccard(shingles(" ".join(short_a)), shingles(short_b)) > 0.9
    dedup = Deduplicator(min_words=min_words)
    verdict, key, signature = dedup.check(" ".join(short_a))
    assert verdict == Verdict(None) and (signature is None) == (reason is None)
    dedup.add("http://a.test/short-a", key, signature)
    assert dedup.check(short_b)[0].reason == reason
    assert dedup.check(" ".join(short_a).upper())[0] == Verdict("duplicate", "http://a.test/short-a")


@pytest.mark.parametrize("order", [("one", "three"), ("three", "one")])
def test_the_closest_text_held_is_named(order):
    texts = {"one": changed(TEXT, [100]), "three": changed(TEXT, [30, 100, 170])}
    dedup = Deduplicator()
    for name in order:
        dedup.add(f"http://a.test/{name}", *dedup.check(texts[name])[1:])
    verdict, _, _ = dedup.check(ORIGINAL)
    assert (verdict.reason, verdict.kept_url) == ("near_duplicate", "http://a.test/one")
    farther = signatures([shingles(texts["three"])])[0].jaccard(signatures([shingles(ORIGINAL)])[0])
    assert dedup.threshold <= farther < verdict.similarity


def test_a_signature_survives_its_stored_values():
    signature, near = signatures([shingles(ORIGINAL), shingles(changed(TEXT, [60, 140]))])
    values = signature.hashvalues.tolist()
    assert len(values) == NUM_PERM and all(isinstance(v, int) and 0 <= v < 2**32 for v in values)
    restored = signature_from_values(values)
    assert restored.jaccard(near) == signature.jaccard(near)
    assert restored.jaccard(signature) == 1.0
    # A Deduplicator fed the stored values (as on a recrawl) still finds the near copy.
    dedup = Deduplicator()
    dedup.add("http://a.test/original", exact_key(ORIGINAL), restored)
    assert dedup.check(changed(TEXT, [60, 140]))[0].kept_url == "http://a.test/original"


@pytest.mark.parametrize("threshold", [0, 1, 1.5, -0.2])
def test_a_threshold_outside_zero_and_one_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        Deduplicator(threshold=threshold)
