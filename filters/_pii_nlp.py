"""spaCy for the PII stage: NER only, and only on the sentences where a name can be."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

import regex
import spacy
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from filters._pii_names import name_key, name_lists
from filters._sensitive_model import ModelMissing

# NER is the only spaCy component the recognisers need; the rest is most of a pipeline's time.
NOT_NEEDED = ["tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
# A sentence ends at . ! ? and a space, except after a title or an initial ("M. Dupont", "J. Smith"), and at a line end.
_SENTENCE_END = regex.compile(
    r"(?<!\b(?:M|MM|Mme|Mmes|Mlle|Me|Mr|Mrs|Ms|Dr|Pr|Prof|St|Ste|No|n°|art|cf|vol|p|\p{Lu}))[.!?…]+[\"'”»)]*\s+"
    r"|\s*\n\s*"
)
_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’-]*")


@lru_cache(maxsize=None)
def load_spacy(name: str) -> spacy.language.Language:
    """An installed spaCy pipeline with its NER component only."""
    try:
        return spacy.load(name, exclude=NOT_NEEDED)
    except OSError:
        raise _missing(name) from None


def _missing(name: str) -> ModelMissing:
    return ModelMissing(f"the spaCy pipeline {name} is not installed (pip install {name.replace('_', '-')})")


def name_windows(text: str, common: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """The stretches of `text` where a name can be: runs of sentences holding a capitalised word that is
    not the sentence's first, or that is a listed name; with `common` (the pipeline's word vectors), a
    capitalised common word that is no listed name does not count. Elsewhere NER has nothing to find."""
    known = name_lists()[2]
    windows: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if end > start and _may_name(text[start:end], known, common):
            if windows and windows[-1][1] == start:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        start = end
    return windows


def _may_name(sentence: str, known: frozenset[str], common: Callable[[str], bool] | None) -> bool:
    for i, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        if not word[0].isupper():
            continue
        key = name_key(word)
        if key in known:
            return True
        if i > 0 and not (common and common(word.lower())):
            return True
    return False


class _Pipelines(dict):
    """Language code to spaCy pipeline, each loaded on first use."""

    def __init__(self, names: dict[str, str]) -> None:
        super().__init__(dict.fromkeys(names))
        self.names = names

    def __getitem__(self, language: str) -> spacy.language.Language:
        if dict.__getitem__(self, language) is None:
            self[language] = load_spacy(self.names[language])
        return dict.__getitem__(self, language)


class NerOnlyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine with the NER component only, run on the stretches of text that may hold a
    name; lower-cased words stand in for lemmas in context matching."""

    def load(self) -> None:
        # A pipeline loads when a text in its language first comes (the French one takes seconds), but a
        # missing one is an error now.
        names = {model["lang_code"]: model["model_name"] for model in self.models}
        for name in names.values():
            if not spacy.util.is_package(name):
                raise _missing(name)
        self.nlp = _Pipelines(names)

    def artifacts(
        self, paragraphs: Sequence[str], language: str, batch_size: int = 128, ner: bool = True
    ) -> Iterator[NlpArtifacts]:
        """NLP artifacts for each paragraph, its entities found by NER on its name windows only; with `ner`
        off, tokens only (for text in a language the pipeline was not trained on)."""
        nlp = self.nlp[language]
        docs = [nlp.make_doc(paragraph) for paragraph in paragraphs]
        common = nlp.vocab.has_vector if nlp.vocab.vectors.shape[0] else None
        windows = (
            [
                (k, start, end)
                for k, paragraph in enumerate(paragraphs)
                for start, end in name_windows(paragraph, common)
            ]
            if ner
            else []
        )
        found: list[list] = [[] for _ in docs]
        texts = (paragraphs[k][start:end] for k, start, end in windows)
        for (k, start, _), window in zip(windows, nlp.pipe(texts, batch_size=batch_size)):
            for ent in window.ents:
                span = docs[k].char_span(start + ent.start_char, start + ent.end_char, ent.label_, "expand")
                if span is not None:
                    found[k].append(span)
        for doc, ents in zip(docs, found):
            doc.set_ents(spacy.util.filter_spans(ents))
            yield self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: spacy.tokens.Doc, language: str) -> NlpArtifacts:
        lemmas = [token.lower_ for token in doc]
        # Labels Presidio does not map (MISC, CARDINAL...) are of no use here; passed on, each logs a warning.
        mapping = self.ner_model_configuration.model_to_presidio_entity_mapping
        mapped = [ent for ent in doc.ents if ent.label_ in mapping]
        entities, scores = self._get_updated_entities(
            mapped, [self.ner_model_configuration.default_score] * len(mapped)
        )
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=scores,
        )
        artifacts.lemmas = lemmas
        # Presidio drops stop words from the context it looks at, and spaCy's English stop words include
        # "call": every word counts here.
        artifacts.keywords = {lemma for lemma in lemmas if any(c.isalnum() for c in lemma)}
        return artifacts


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, finding a value's first token by bisection rather than by walking the
    whole document for every value found."""

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens: Doc, tokens_indices: list[int]) -> int:
        return max(bisect.bisect_right(tokens_indices, start) - 1, 0)
