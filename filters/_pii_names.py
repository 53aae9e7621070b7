"""Person names: the name lists, a recogniser for listed names spaCy misses, and a check on spaCy's guesses.

The lists (filters/data/person_names.tsv, built by bench/pii_names_build.py) hold 45,000 given names from many
countries and 89,000 surnames; a name that is also a common word ("Rose", "Will", "Pierre") is marked
ambiguous and counts only beside another name.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

PERSON_LABELS = {"PERSON", "PER"}
# A listed name inside what spaCy calls a place is the place ("Florence", "Victoria Station"); spaCy's
# organisations are too often people for that.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PARTICLES = {"de", "du", "des", "da", "di", "van", "von", "der", "den", "le", "la", "ben", "bin", "al", "el", "dos"}
_MAX_TOKENS = 4


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Given names, surnames, both, the names that are also common words, and the names that are not."""
    given, family, ambiguous = set(), set(), set()
    text = (resources.files("filters") / "data" / "person_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        name, kinds, flag = line.split("\t")
        if name != (plain := _unaccented(name)):  # "Gaetane" is "Gaëtane" typed in a hurry
            _add(plain, kinds, flag, given, family, ambiguous)
        _add(name, kinds, flag, given, family, ambiguous)
    known = given | family
    return frozenset(given), frozenset(family), frozenset(known), frozenset(ambiguous), frozenset(known - ambiguous)


def _add(name: str, kinds: str, flag: str, given: set[str], family: set[str], ambiguous: set[str]) -> None:
    if "g" in kinds:
        given.add(name)
    if "s" in kinds:
        family.add(name)
    if flag:
        ambiguous.add(name)


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _key(word: str) -> str:
    return word.casefold().rstrip(".")


def _capitalised(word: str) -> bool:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return letters.isalpha() and word[0].isupper() and (len(word) == 1 or not word[1:].isupper())


def _upper_name(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word.isupper()


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _heading(words: list[str], names: frozenset[str]) -> bool:
    """Title Case Lines Capitalise Every Word, so capitals say nothing there (a list of names is no heading)."""
    alpha = [w for w in words if w.isalpha() and len(w) > 3]
    other = [w for w in alpha if _capitalised(w) and _key(w) not in names]
    return len(other) >= 3 and len(other) / len(alpha) > 0.5


class NameListRecognizer(EntityRecognizer):
    """A capitalised given name from the lists, with the capitalised names and initials that follow it
    (`Júlia Gyarmathy`, `Ravil G. Yefimov`); also an upper-case surname before a given name (`DUPONT Marie`)."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language, name="NameListRecognizer")

    def load(self) -> None:
        name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        if nlp_artifacts is None or "PERSON" not in entities:
            return []
        doc = nlp_artifacts.tokens
        words = [token.text for token in doc]
        given, family, known, ambiguous, sure = name_lists()
        if _heading(words, sure):
            return []
        other = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        results = []
        i = 0
        while i < len(words):
            word, key = words[i], _key(words[i])
            nxt = _key(words[i + 1]) if i + 1 < len(words) else ""
            beside = bool(nxt) and (_capitalised(words[i + 1]) or _upper_name(words[i + 1])) and nxt in known
            starts = _capitalised(word) and key in given and (key not in ambiguous or beside)
            starts = starts or (_upper_name(word) and key in family and beside and nxt in given)
            if not starts or i in other:
                i += 1
                continue
            end = i + 1
            while end < len(words) and end - i < _MAX_TOKENS and end not in other:
                following = words[end]
                if _initial(following) or ((_capitalised(following) or _upper_name(following)) and _key(following) in known):
                    end += 1
                elif following in _PARTICLES and end + 1 < len(words) and _capitalised(words[end + 1]):
                    end += 2
                else:
                    break
            start_char, last = doc[i].idx, doc[end - 1]
            results.append(RecognizerResult("PERSON", start_char, last.idx + len(last.text), 0.6))
            i = end
        return results


class CheckedSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON entities that hold at least one listed name and no digit: small pipelines take many
    capitalised words for people (`Café`, `Guilty Pleasures`, `Crown St`); a one-word guess must be a name
    that is no common word."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        results = super().analyze(text, entities, nlp_artifacts)
        _, _, known, ambiguous, sure = name_lists()
        kept = []
        for result in results:
            words = [_key(w) for w in text[result.start : result.end].replace("-", " ").split()]
            if any(c.isdigit() for w in words for c in w):
                continue
            if self.supported_language == "fr":
                # The French pipeline is larger and better: only its one-word common nouns are doubted.
                if len(words) > 1 or words[0] not in ambiguous:
                    kept.append(result)
            elif (len(words) > 1 and any(w in known for w in words)) or (len(words) == 1 and words[0] in sure):
                kept.append(result)
        return kept
