"""The trained passage classifier on top of the rules: what it adds, what it keeps, how it fails."""

from __future__ import annotations

import pytest

from filters import _sensitive_model as model
from filters import sensitive
from filters.sensitive import check_document, find

from test_sensitive import BROAD_DISCLOSURES, BROAD_TOPICAL, DISCLOSURES, TOPICAL

# Written for this test, none in the training or evaluation sets; worded so that the lexicon rules miss them.
MODEL_ONLY = [
    "Bloods came back and it's coeliac, which explains the last two years of feeling awful after every meal.",
    "Day 40 without a drink and the evening cravings are finally getting quieter.",
    "Coucou les filles, 12 semaines aujourd'hui et toujours des nausées du matin au soir, courage à moi !",
    "Finally took my boyfriend home for Christmas and my dad shook his hand. Small steps.",
    "Premier Ramadan au boulot cette année, le ftour au bureau avec les collègues était super sympa.",
    "Three years clean on Friday. Still go to the Thursday group, still take it one day at a time.",
    "Handed in my form to the GMB lad in dispatch, so I am covered now if they try anything.",
    "Résultat de l'analyse : porteuse de la mutation BRCA2, comme maman. RDV avec l'oncogénéticienne en mars.",
    "Fiancé's parents still don't know I'm marrying a man. Telling them at Easter, wish me luck.",
    "Sorti de Fleury en mai après deux ans pour trafic, j'ai retrouvé un boulot de cariste la semaine dernière.",
]


def refused_by_the_model() -> list[str]:
    return [text for text in MODEL_ONLY if not check_document(text).allowed]


def strongest() -> str:
    """The example the model is surest of."""
    return max(MODEL_ONLY, key=lambda text: model.load()(model.normalise(text)).cats[model.ANY])


def test_the_model_refuses_most_disclosures_that_the_rules_miss():
    assert all(check_document(text, threshold=None).allowed for text in MODEL_ONLY), "the rules alone miss these"
    # A statistical model makes mistakes: the measure is a share, as in bench/sensitive_eval.py.
    assert len(refused_by_the_model()) >= 0.7 * len(MODEL_ONLY), set(MODEL_ONLY) - set(refused_by_the_model())


def test_the_model_keeps_nearly_all_the_topical_text_the_rules_keep():
    refused = [text for text in TOPICAL + BROAD_TOPICAL if not check_document(text).allowed]
    assert len(refused) <= 0.05 * len(TOPICAL + BROAD_TOPICAL), refused


@pytest.mark.parametrize(("category", "text"), DISCLOSURES + BROAD_DISCLOSURES)
def test_the_model_never_undoes_a_refusal_of_the_rules(category, text):
    assert not check_document(text).allowed


def test_text_in_another_script_is_not_read_by_the_model():
    # The model knows French and English only; what it would say of Cyrillic or Korean text is noise.
    text = "Я занялась фотографией в декрете, мне не хотелось выходить в офис.\n두 번째 시선은 거짓말에 관련된 부분이다."
    assert find(text) == []


def test_passages_are_sentences_of_one_paragraph_up_to_a_size():
    text = "One. Two.\n" + "A sentence of about forty characters. " * 30 + "\nLast."
    spans = model.passages(text, sensitive._sentences)
    assert text[spans[0][0] : spans[0][1]] == "One. Two."
    assert text[spans[-1][0] : spans[-1][1]] == "Last."
    middle = spans[1:-1]
    assert len(middle) > 1 and all(end - start <= model.PASSAGE_CHARS for start, end in middle)
    assert all("\n" not in text[start:end] for start, end in spans)


def test_a_model_finding_is_the_whole_passage_and_redact_removes_it():
    text = "We moved to Leeds in May. " + strongest() + "\nThe garden is lovely."
    findings = find(text)
    assert len(findings) == 1
    assert text[findings[0].start : findings[0].end].startswith("We moved to Leeds")
    assert sensitive.redact(text, findings).strip() == "The garden is lovely."


def test_a_missing_model_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(model, "MODEL_DIR", tmp_path / "nowhere")
    model.load.cache_clear()
    try:
        with pytest.raises(model.ModelMissing, match="sensitive-data model missing at .*nowhere"):
            sensitive.load_model()
    finally:
        monkeypatch.undo()
        model.load.cache_clear()
    sensitive.load_model()


def test_the_model_reads_pages_declared_french_english_or_undeclared_only():
    for language in (None, "", "en", "fr", "en-GB", "FR"):
        assert not check_document(strongest(), language).allowed, language
    assert check_document(strongest(), "de").allowed
