"""Personal data in kept text: found by Presidio in French and English, replaced by keyed pseudonyms.

Presidio's recognisers find the values (its own first, Moisson's where they fall short); a Presidio
operator replaces each by a typed token derived from an HMAC-SHA256 of its normal form, so one person,
e-mail or phone gets one token across pages and recrawls made with the same key.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from filters._pii_analysis import (
    MIN_SCORE,
    MODELS,
    build_analyzer,
    cues,
    resolve,
    shared_analyzer,
    without_stop_words,
)
from filters._pii_keyed import Keyring, PiiKeyError, load_key, normalise
from filters._pii_nlp import ModelMissing

__all__ = [
    "ENTITIES",
    "HASHED",
    "MODELS",
    "Keyring",
    "ModelMissing",
    "PiiKeyError",
    "Pseudonymiser",
    "build_analyzer",
    "load_key",
    "normalise",
    "shared_analyzer",
]

# Presidio logs recognisers' decisions, which quote page text: keep it to warnings.
for _name in ("presidio-analyzer", "presidio-anonymizer"):
    logging.getLogger(_name).setLevel(logging.WARNING)

# The region national phone numbers are read in, for their normal form.
_REGION = {"en": None, "fr": "FR"}
ENTITIES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "FR_NIR",
    "US_SSN",
    "UK_NINO",
    "UK_NHS",
)
# The identifiers whose keyed hashes each row keeps, for opt-out requests.
HASHED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON")


@dataclass(frozen=True)
class Found:
    """One personal value found in a text, by its place in the original text."""

    start: int
    end: int
    entity_type: str


@dataclass(frozen=True)
class Pseudonymised:
    """A text after pseudonymisation, what was replaced, and the keyed hashes of the identifiers found."""

    text: str
    counts: dict[str, int]
    hashes: tuple[str, ...]
    found: tuple[Found, ...]


# Lines are analysed in chunks of about this many characters (one Presidio call each), and the results of
# the latest chunks are kept for repeats.
_CHUNK_CHARS = 1000
_SEEN_MAX = 4096


def _chunks(text: str) -> list[str]:
    """`text` cut at line ends into chunks of about _CHUNK_CHARS; joined with newlines they give it back."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        current.append(line)
        size += len(line) + 1
        if size >= _CHUNK_CHARS:
            chunks.append("\n".join(current))
            current, size = [], 0
    chunks.append("\n".join(current))
    return chunks


def _base(language: str | None) -> str:
    """The language code without its region ("de-AT" is "de"), lower case; "" for none."""
    return (language or "").split("-")[0].lower()


_FORKED: Pseudonymiser | None = None


def _pseudonymise_forked(texts: Sequence[str], languages: Sequence[str | None]) -> list[Pseudonymised]:
    assert _FORKED is not None  # set by the parent before it forks
    return _FORKED._pseudonymise_here(texts, languages)


class KeyedPseudonym(Operator):
    """Presidio operator: the value becomes `<TYPE_hash>`, the HMAC-SHA256 of its normal form under the
    crawl's key (Presidio's own `hash` operator salts each value randomly, so tokens would not match)."""

    def operate(self, text: str, params: dict | None = None) -> str:
        params = params or {}
        return params["keyring"].token(params["entity_type"], text, params.get("region"))

    def validate(self, params: dict | None = None) -> None:
        if not isinstance((params or {}).get("keyring"), Keyring):
            raise ValueError("keyed_pseudonym needs a Keyring in params['keyring']")

    def operator_name(self) -> str:
        return "keyed_pseudonym"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class Pseudonymiser:
    """Finds personal data in texts and replaces it by keyed pseudonyms, many texts at a time."""

    def __init__(
        self,
        keyring: Keyring,
        analyzer: AnalyzerEngine | None = None,
        batch_size: int = 128,
        processes: int = 1,
    ) -> None:
        self.keyring = keyring
        self.analyzer = analyzer or shared_analyzer()
        self.anonymizer = AnonymizerEngine()
        self.anonymizer.add_anonymizer(KeyedPseudonym)
        self.batch_size = batch_size
        if processes < 1:
            raise ValueError(f"processes: {processes!r} is not a positive number")
        self.processes = processes
        self.languages = tuple(self.analyzer.supported_languages)
        self._seen: OrderedDict[tuple[str, str, str], list[RecognizerResult]] = OrderedDict()

    def language_for(self, language: str | None) -> str:
        """The pipeline for a document's language: its own when there is one, else English."""
        base = _base(language)
        return base if base in self.languages else ("en" if "en" in self.languages else self.languages[0])

    def other_language(self, language: str | None) -> str:
        """A document's declared language when no pipeline reads it, else "". spaCy's NER does not read such
        a document: an English model is slow on it and takes its common nouns for people (German capitalises
        them all). The name lists and patterns still apply, and the language's stop words are no names."""
        base = _base(language)
        return "" if not base or base in self.languages else base

    def pseudonymise(self, text: str, language: str | None = None) -> Pseudonymised:
        """One text; see `pseudonymise_many`."""
        return self.pseudonymise_many([text], [language])[0]

    def pseudonymise_many(self, texts: Sequence[str], languages: Sequence[str | None]) -> list[Pseudonymised]:
        """Each text with its personal values replaced; paragraphs of all texts go through spaCy together.

        With `processes` > 1 and enough texts, forked worker processes share the work: only for batch use
        (benchmarks, re-processing a dataset), not inside a running crawl, whose threads forking would copy.
        """
        chunk = max(1, -(-len(texts) // (self.processes * 4)))
        if self.processes == 1 or len(texts) < self.processes * 8:
            return self._pseudonymise_here(texts, languages)
        global _FORKED
        _FORKED = self
        try:
            with multiprocessing.get_context("fork").Pool(self.processes) as pool:
                parts = pool.starmap(
                    _pseudonymise_forked,
                    [(texts[i : i + chunk], languages[i : i + chunk]) for i in range(0, len(texts), chunk)],
                )
        finally:
            _FORKED = None
        return [result for part in parts for result in part]

    def _pseudonymise_here(self, texts: Sequence[str], languages: Sequence[str | None]) -> list[Pseudonymised]:
        docs = [_chunks(text) for text in texts]
        modes = [(self.language_for(language), self.other_language(language)) for language in languages]
        # This call's findings by (pipeline, other language or "", chunk): from the cache of earlier calls, else
        # analysed now, each distinct chunk once. The cache is bounded; what this call uses never depends on what
        # it still holds.
        found: dict[tuple[str, str, str], list[RecognizerResult]] = {}
        todo: dict[tuple[str, str], dict[str, None]] = {}
        for chunks, mode in zip(docs, modes):
            for chunk in chunks:
                key = (*mode, chunk)
                if key in found or not chunk.strip():
                    continue
                if key in self._seen:
                    found[key] = self._seen[key]
                    self._seen.move_to_end(key)
                else:
                    todo.setdefault(mode, {})[chunk] = None
        for (lang, other), pending in todo.items():
            chunks = list(pending)
            batch = self.analyzer.nlp_engine.artifacts(chunks, lang, batch_size=self.batch_size, ner=not other)
            for chunk, artifacts in zip(chunks, batch):
                results = self.analyzer.analyze(
                    chunk, language=lang, entities=cues(chunk), nlp_artifacts=artifacts, score_threshold=MIN_SCORE
                )
                found[lang, other, chunk] = resolve(without_stop_words(results, chunk, other), chunk)
                self._remember((lang, other, chunk), found[lang, other, chunk])
        return [
            self._replace(chunks, [found.get((*mode, chunk), []) for chunk in chunks], mode[0])
            for chunks, mode in zip(docs, modes)
        ]

    def _remember(self, key: tuple[str, str, str], results: list[RecognizerResult]) -> None:
        # Pages of a site repeat their boilerplate: a chunk seen in a recent call is not analysed again.
        self._seen[key] = results
        while len(self._seen) > _SEEN_MAX:
            self._seen.popitem(last=False)

    def _replace(self, lines: Sequence[str], found: list[list[RecognizerResult]], lang: str) -> Pseudonymised:
        region = _REGION.get(lang)
        operators = {"DEFAULT": OperatorConfig("keyed_pseudonym", {"keyring": self.keyring, "region": region})}
        counts: Counter[str] = Counter()
        hashes: set[str] = set()
        spans: list[Found] = []
        out: list[str] = []
        offset = 0
        for line, results in zip(lines, found):
            if results:
                for result in results:
                    value = line[result.start : result.end]
                    counts[result.entity_type] += 1
                    spans.append(Found(offset + result.start, offset + result.end, result.entity_type))
                    if result.entity_type in HASHED:
                        hashes.add(self.keyring.digest(result.entity_type, value, region))
                out.append(self.anonymizer.anonymize(line, results, operators).text)
            else:
                out.append(line)
            offset += len(line) + 1
        return Pseudonymised("\n".join(out), dict(counts), tuple(sorted(hashes)), tuple(spans))
