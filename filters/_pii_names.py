"""Person names: the name lists, a recogniser for listed names spaCy misses, and a check on spaCy's guesses.

The lists (filters/data/person_names.tsv, built by bench/pii_names_build.py) hold 45,000 given names from many
countries and 89,000 surnames; a name that is also a common word ("Rose", "Will", "Pierre") is marked
ambiguous and counts only beside another name.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.tokens import Doc

from filters._pii_keyed import TITLE_WORDS

PERSON_LABELS = {"PERSON", "PER"}
# A listed name inside what spaCy calls a place is the place ("Florence", "Victoria Station"); spaCy's
# organisations are too often people for that.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PARTICLES = {"de", "du", "des", "da", "di", "van", "von", "der", "den", "le", "la", "ben", "bin", "al", "el", "dos"}
_MAX_TOKENS = 4
_SENTENCE_ENDS = {".", "!", "?", ":", "«", '"', "“", "(", "-", "–", "—"}


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Given names, surnames, both, the names that are also common words, and the names that are not; all
    case-folded and without accents, as `_key` looks them up."""
    given, family, ambiguous = set(), set(), set()
    text = (resources.files("filters") / "data" / "person_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        name, kinds, flag = line.split("\t")
        _add(_unaccented(name), kinds, flag, given, family, ambiguous)
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


def name_key(word: str) -> str:
    """The form names are looked up under: case-folded, without accents ("Élodie" is listed as "elodie")."""
    return _unaccented(word.casefold().rstrip("."))


_key = name_key


def _capitalised(word: str) -> bool:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return letters.isalpha() and word[0].isupper() and (len(word) == 1 or not word[1:].isupper())


def _upper_name(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word.isupper()


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _heading(words: list[str], names: frozenset[str]) -> bool:
    """Title Case Lines Capitalise Every Word, so capitals say nothing there. A heading has no comma and no
    full stop, and most of its longer words are capitalised words that are no names."""
    if any(w in (",", ".", ";") for w in words):
        return False
    alpha = [w for w in words if w.isalpha() and len(w) > 3]
    other = [w for w in alpha if _capitalised(w) and _key(w) not in names]
    return len(other) >= 3 and len(other) / len(alpha) > 0.5


class NameListRecognizer(EntityRecognizer):
    """A capitalised given name from the lists, with the capitalised names and initials that follow it
    (`Júlia Gyarmathy`, `Ravil G. Yefimov`); also an upper-case surname before a given name (`DUPONT Marie`)."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["PERSON"], supported_language=supported_language, name="NameListRecognizer"
        )

    def load(self) -> None:
        name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        if nlp_artifacts is None or "PERSON" not in entities:
            return []
        doc = nlp_artifacts.tokens
        places = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        results: list[RecognizerResult] = []
        start = 0
        for i, token in enumerate([*doc, None]):
            if token is None or "\n" in token.text:  # line by line: a heading is a line
                results += self._find(doc, start, i, places)
                start = i + 1
        return results

    def _find(self, doc: Doc, lo: int, hi: int, places: set[int]) -> list[RecognizerResult]:
        words = [token.text for token in doc[lo:hi]]
        given, family, known, ambiguous, sure = name_lists()
        if _heading(words, sure):
            return []
        results = []
        i = 0
        while i < len(words):
            word, key = words[i], _key(words[i])
            if not (word[:1].isupper() and (key in given or key in family)):  # most words: out at once
                i += 1
                continue
            nxt = _key(words[i + 1]) if i + 1 < len(words) else ""
            beside = bool(nxt) and (_capitalised(words[i + 1]) or _upper_name(words[i + 1])) and nxt in known
            initial = i == 0 or words[i - 1] in _SENTENCE_ENDS
            # "Will Manchester hold on?": a name that is also a word needs another name, and not to start a sentence.
            starts = _capitalised(word) and key in given and (key not in ambiguous or (beside and not initial))
            starts = starts or (_upper_name(word) and key in family and beside and nxt in given)
            if not starts or lo + i in places:
                i += 1
                continue
            end = i + 1
            while end < len(words) and end - i < _MAX_TOKENS and lo + end not in places:
                following = words[end]
                if _initial(following) or (
                    (_capitalised(following) or _upper_name(following)) and _key(following) in known
                ):
                    end += 1
                elif following in _PARTICLES and end + 1 < len(words) and _capitalised(words[end + 1]):
                    end += 2
                else:
                    break
            first, last = doc[lo + i], doc[lo + end - 1]
            results.append(RecognizerResult("PERSON", first.idx, last.idx + len(last.text), 0.6))
            i = end
        return results


_WORD = regex.compile(r"\S+")


class CheckedSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON entities, without the titles they start with (kept in the text) and without the
    common words small pipelines take for people (`Café`, `Guilty Pleasures`, `Nouveauté`, `Réponse de Clara`).

    English (a small pipeline): a guess must hold a listed name, and a one-word guess must be a name that is
    no common word. French (a larger one): leading and trailing common words are cut off, a word being
    common when the pipeline's vectors know it in lower case and the name lists do not.
    """

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        results = super().analyze(text, entities, nlp_artifacts)
        _, _, known, _, sure = name_lists()
        vocab = nlp_artifacts.tokens.vocab if nlp_artifacts is not None else None
        kept = []
        for result in results:
            words = [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(text, result.start, result.end)]
            while words and (words[0][2] in TITLE_WORDS or not _capitalised(text[words[0][0] : words[0][1]])):
                words.pop(0)
            if not words or any(c.isdigit() for _, _, w in words for c in w):
                continue
            keys = [w for _, _, w in words]
            if self.supported_language == "fr" and vocab is not None:

                def common(key: str) -> bool:
                    return key not in known and vocab.has_vector(key)

                while words and common(words[0][2]):  # "Réponse de Clara", "Nouveauté"
                    words.pop(0)
                    while words and not _capitalised(text[words[0][0] : words[0][1]]):
                        words.pop(0)
                if not words:
                    continue
            elif not ((len(keys) > 1 and any(w in known for w in keys)) or (len(keys) == 1 and keys[0] in sure)):
                continue
            result.start, result.end = words[0][0], words[-1][1]
            kept.append(result)
        return kept
