"""Personal disclosures of special-category data (GDPR art. 9 and 10) in French and English text.

A sentence discloses when it holds a category's disclosing construction ("diagnosed with", "est enceinte",
"convicted of", "déléguée CGT") close to a person anchor: the writer ("I", "je", "my son", or a post without a
subject: "Got baptised today!"), a named person ("Mme Martin", "John Smith, 41,", "Greg's kid"), someone singled
out by where they live ("the new tenants at number 12") or, more weakly, a third-person pronoun. Topical text (an article about HIV,
union statistics, a minister's party) has the words but no such person, and is kept. A broader rule adds
other wordings: a category's specific term ("lupus", "did time", "Roms") near the writer, someone they know or a
named person, in a sentence that is not generic, institutional, fictional or a request for advice. Lexicons live
in filters/_sensitive_lexicon.py.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import islice

from filters import _sensitive_lexicon as lex
from filters import _sensitive_model as _model
from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

CATEGORIES: tuple[str, ...] = (
    "health",
    "sexual_orientation",
    "religion",
    "politics",
    "union",
    "ethnic_origin",
    "genetic",
    "biometric",
    "criminal",
    "minors",
)

# Within one sentence, the most specific category comes first: "tested positive for the Huntington's gene"
# is genetic before it is health, an ancestry test that reveals an origin is ethnic origin before it is genetic,
# and a named child (whatever else is said about them) is a minor first.
_PRIORITY = {
    category: rank
    for rank, category in enumerate(
        ("minors", "ethnic_origin", "genetic", "biometric", "sexual_orientation", "health", "religion", "politics",
         "union", "criminal")
    )
}

# How far from a disclosing construction (in characters, inside its sentence) a person anchor may stand.
BEFORE, AFTER = 100, 60
# Longer texts are only scanned up to this many characters: a page longer than this is judged on its start.
MAX_CHARS = 200_000
# A "sentence" longer than this (a list, a table, garbage) is cut in pieces, which bounds the work per match.
MAX_SENTENCE = 1_000
# and only the first constructions of a category in a sentence are weighed (a real sentence has one or two).
MAX_MATCHES = 8

MODEL_THRESHOLD = _model.THRESHOLD
# The model was trained on these languages only; on a page declared in another, what it says is noise.
MODEL_LANGUAGES = ("en", "fr")
ModelMissing = _model.ModelMissing

_I = re.IGNORECASE
_PATTERNS: dict[str, re.Pattern[str]] = {
    category: re.compile("|".join(f"(?:{p})" for p in patterns), _I)
    for category, patterns in {
        "health": lex.HEALTH,
        "sexual_orientation": lex.SEXUAL_ORIENTATION,
        "religion": lex.RELIGION,
        "politics": lex.POLITICS,
        "union": lex.UNION,
        "ethnic_origin": lex.ETHNIC_ORIGIN,
        "genetic": lex.GENETIC,
        "biometric": lex.BIOMETRIC,
        "criminal": lex.CRIMINAL,
        "minors": (lex.SCHOOL,),
    }.items()
}

_A = lex.A
# The writer, or someone the writer knows ("my son", "notre voisin", "ma collègue").
_FIRST = re.compile(
    rf"(?-i:\bI\b)|\b(?:i{_A}(?:m|ve|d)|i\s+(?:am|was|have|had)|me|my|myself|mine|je|moi|mon|ma|mes)\b|\b[jm]{_A}"
    rf"|\b(?:our|notre|nos)\s+(?:(?:\w+\s+)?(?:{lex.RELATIONS_EN}|{lex.RELATIONS_FR}))s?\b"
    r"|\b(?:our|nos)\s+(?:empreintes|fingerprints|visages|faces|voix|voices|ADN|DNA)\b",
    _I,
)
_NAME = rf"(?:{'|'.join(sorted(lex.GIVEN_NAMES, key=len, reverse=True))})"
# A named person: a title, a known given name, or a name with an age apposition ("John Smith, 41,").
_NAMED = re.compile(
    rf"\b(?:{lex.TITLES})\.?\s+{lex.CAP}|\b{_NAME}\b"
    rf"|\b{lex.CAP},\s*\d{{1,3}}(?:\s*(?:ans|years?(?:\s+old)?))?\s*,|\b{lex.CAP}\s+\(\d{{1,3}}(?:\s*(?:ans|years?|yo))?[,)]"
    # "Greg's kid", "Mark's wife": someone the writer knows by name.
    rf"|\b{lex.CAP}{lex.A}s\s+(?:{lex.RELATIONS_EN})s?\b"
    # A person singled out by where they live: "the new tenants at number 12", "le type qui vient d'emménager au 3".
    r"|\b(?:tenants?|neighbou?rs?|guy|bloke|woman|man|family|couple|locataires?|voisine?s?|type|mec|gars|famille)\b"
    r"[^.!?]{0,40}?\b(?:number|no\.?|flat|house|apartment|n°|au|du|at)\s*\d{1,4}\b(?!\s*(?:%|ans|years?|h\b))"
)
# Or two capitalised words that are not an institution's name ("Rassemblement National", "New York").
_FULL_NAME = re.compile(rf"\b({lex.CAP})\s+({lex.CAP})\b")
# A third person who may be identifiable from context: weaker, so a generic sentence cancels it.
_WEAK = re.compile(
    r"\b(?:he|she|him|his|her|elle|lui)\b|\bil\b(?!\s+(?:suffit|faut|fallait|y\s+a|existe|s[’']agit|para[îi]t|semble"
    r"|reste|est\s+(?:possible|n[ée]cessaire|interdit|important|recommand[ée]|conseill[ée]|obligatoire|rare|fr[ée]quent)))"
    rf"|\b(?:his|her|their|son|sa|ses)\s+(?:{lex.RELATIONS_EN}|{lex.RELATIONS_FR})s?\b",
    _I,
)
_GENERIC = re.compile(lex.GENERIC, _I)
_OTHER_SUBJECT = re.compile(lex.OTHER_SUBJECT, _I)
_HISTORICAL = re.compile(lex.HISTORICAL, _I)
_PUBLIC_ROLE = re.compile(lex.PUBLIC_ROLE, _I)
_AGE_MINOR = re.compile(lex.AGE_MINOR, _I)
_AGE_NUMBER = re.compile(r"\d")
# Openers that use "I"/"my" without being about the writer.
_FIRST_IDIOMS = re.compile(
    r"\b(?:in\s+my\s+(?:opinion|view|experience)|I\s+(?:think|believe|explain|argue|will|would|recommend)"
    r"|let\s+me|(?:[àa]\s+mon\s+avis|selon\s+moi|je\s+(?:pense\s+qu|crois|recommande|vous))|ma\s+foi)\b",
    _I,
)
# Posts that drop the subject are about the writer: "Got baptised this morning!", "Proud to have voted Green",
# "Baptisée ce matin", "Pris pour vol à 19 ans, j'ai...", "Fière d'être...".
_IMPLICIT_FIRST = re.compile(
    r"(?:(?:just|finally|so|very|really|today|yesterday|officially)\s+)*(?:got|get|been|had|proud|happy|glad|thrilled"
    r"|relieved|finally|just|joined|voted|started|spent|went|turned|diagnosed|baptised|baptized"
    r"|fi[èe]re?s?|heureu(?:x|se)|ravie?|soulag[ée]e?|enfin|baptis[ée]e?|diagnostiqu[ée]e?|op[ée]r[ée]e?|pris"
    r"|convertie?|syndiqu[ée]e?|vot[ée]|adh[ée]rente?)\b",
    _I,
)
_LOCAL_ROLE = re.compile(lex.LOCAL_ROLE, _I)

_WORD = re.compile(r"\w+")

# The broad rule: a category's condition term ("lupus", "did time", "Roms") near the writer, someone they know or a
# named person, in a sentence that is neither generic, institutional, a story nor a request for advice.
_BROAD: dict[str, re.Pattern[str]] = {
    category: re.compile(rf"(?<!\w)(?:{terms})\b", _I) for category, terms in lex.BROAD.items()
}
_CHILD_NAMED = re.compile(lex.CHILD_NAMED, _I)
_CHILD_CONTEXT = re.compile(lex.CHILD_CONTEXT, _I)
_BROAD_GUARDS = tuple(
    re.compile(pattern, _I) for pattern in (lex.BROAD_GENERIC, lex.BROAD_INSTITUTIONAL, lex.BROAD_STORY, lex.HISTORICAL)
)
_BROAD_IDIOMS = re.compile(lex.BROAD_IDIOMS, _I)
_NOT_PERSON_NAMES = lex.NOT_NAMES | lex.INSTITUTION_WORDS
_ADVICE_QUESTION = re.compile(lex.ADVICE_QUESTION, _I)
_PERSONAL_STATEMENT = re.compile(lex.PERSONAL_STATEMENT, _I)
_BROAD_SHARE = re.compile(lex.BROAD_SHARE, _I)
_BROAD_IMPLICIT_FIRST = re.compile(lex.BROAD_IMPLICIT_FIRST, _I)
# How far from a condition term a strong anchor may stand.
BROAD_BEFORE, BROAD_AFTER = 150, 80
# The broad rule weighs many terms per word, so it reads only the first characters of a text: it bounds the work
# on a page of trigger words, and a page that discloses usually does so early.
BROAD_MAX_CHARS = 8_000


def _keyword_index() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str]]]]:
    """Short keywords by word, longer ones by their first four letters (a word matches by prefix)."""
    exact: dict[str, set[str]] = {}
    prefixes: dict[str, list[tuple[str, str]]] = {}
    for category, keywords in lex.KEYWORDS.items():
        for keyword in keywords.split():
            if len(keyword) < 4:
                exact.setdefault(keyword, set()).add(category)
            else:
                prefixes.setdefault(keyword[:4], []).append((keyword, category))
    return exact, prefixes


_EXACT, _PREFIXES = _keyword_index()

_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’')\]]*\s+|\n\s*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr m mme mmes mlle me vs cf p pp no n° fig env av apr e.g i.e ex dept ca approx".split()
)


@dataclass(frozen=True)
class Finding:
    """A sentence (character span of the text) that discloses data of one special category."""

    category: str
    start: int
    end: int


def _sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, trimmed, with FR/EN abbreviations not ending a sentence."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.group().startswith("."):
            word = text[max(start, boundary.start() - 8) : boundary.start()].rsplit(None, 1)
            token = word[-1].lower().lstrip("(\"«“") if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((start, boundary.start() + len(boundary.group().rstrip())))
        start = boundary.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        trimmed.extend((piece, min(piece + MAX_SENTENCE, end)) for piece in range(begin, end, MAX_SENTENCE))
    return trimmed


def _candidates(sentence: str) -> set[str]:
    """The categories whose keywords occur in the sentence: the others cannot match, so are not tried."""
    categories: set[str] = set()
    for word in set(_WORD.findall(sentence.lower())):
        categories.update(_EXACT.get(word, ()))
        for keyword, category in _PREFIXES.get(word[:4], ()):
            if word.startswith(keyword):
                categories.add(category)
    if "minors" in categories and not any(character.isdigit() for character in sentence):
        categories.discard("minors")
    return categories


def _named(window: str) -> bool:
    """Whether a named person stands in the window."""
    return _NAMED.search(window) is not None or any(
        m.group(1) not in lex.NOT_NAMES and m.group(2) not in lex.NOT_NAMES for m in _FULL_NAME.finditer(window)
    )


def _named_before(lead: str) -> bool:
    """Whether a named person stands before the construction with no generic subject in between."""
    ends = [m.end() for m in _NAMED.finditer(lead)]
    ends += [
        m.end() for m in _FULL_NAME.finditer(lead) if m.group(1) not in lex.NOT_NAMES and m.group(2) not in lex.NOT_NAMES
    ]
    return bool(ends) and _GENERIC.search(lead, max(ends)) is None and _GENERIC.search(lead[: min(ends)][-12:]) is None


def _blank(match: re.Match[str]) -> str:
    """Spaces as long as the match, so that offsets stay valid."""
    return " " * len(match.group())


def _about_writer(sentence: str, start: int, end: int) -> bool:
    """Whether the writer (or someone they know) is the subject of the construction at sentence[start:end]."""
    # "Caught speeding? Here is..." is a headline asking the reader, not the writer's own story.
    if start < BEFORE and _IMPLICIT_FIRST.match(sentence) and (not sentence.endswith("?") or "," in sentence):
        return True
    lead = _FIRST_IDIOMS.sub(_blank, sentence[max(0, start - BEFORE) : start])
    anchors = list(_FIRST.finditer(lead))
    if anchors:
        # "I often see patients who suffer from diabetes": someone else stands between the writer and the words.
        return _OTHER_SUBJECT.search(lead, anchors[-1].end()) is None
    body = _FIRST_IDIOMS.sub(_blank, sentence[start : end + AFTER])
    return _FIRST.search(body) is not None and _OTHER_SUBJECT.search(lead[-40:]) is None


def _discloses(category: str, sentence: str, start: int, end: int) -> bool:
    """Whether the construction at sentence[start:end] is about an identifiable person."""
    window = sentence[max(0, start - BEFORE) : end + AFTER]
    if category == "minors":
        # A child is identifiable by name; a parent's post about an unnamed child takes the data's category.
        return _AGE_MINOR.search(window) is not None and _AGE_NUMBER.search(window) is not None and _named(window)
    first = _about_writer(sentence, start, end)
    if first:
        return True
    if _HISTORICAL.search(sentence):
        return False
    if (category in ("politics", "union") and _PUBLIC_ROLE.search(sentence)
            and not _LOCAL_ROLE.search(sentence, max(0, start - 40), end + 40)):
        return False
    lead = sentence[max(0, start - BEFORE) : start]
    if _named_before(lead):
        return True
    if _named(window):
        return _GENERIC.search(window) is None
    if _GENERIC.search(sentence):
        return False
    return _WEAK.search(window) is not None


def _broad_anchors(sentence: str) -> list[tuple[int, int]]:
    """Spans of the strong person anchors of a sentence: the writer, someone they know, a named person."""
    spans = [m.span() for m in _FIRST.finditer(sentence)]
    spans += [m.span() for m in _NAMED.finditer(sentence)]
    spans += [
        m.span() for m in _FULL_NAME.finditer(sentence)
        if not {m.group(1), m.group(2)} & _NOT_PERSON_NAMES
    ]
    return spans


def _broad_categories(sentence: str) -> set[str]:
    """Categories the broad rule finds: a condition term with a strong anchor near it, no guard firing."""
    cleaned = _BROAD_IDIOMS.sub(_blank, sentence)
    if any(guard.search(cleaned) for guard in _BROAD_GUARDS):
        return set()
    personal = _PERSONAL_STATEMENT.search(cleaned) is not None
    if not personal and (_BROAD_SHARE.search(cleaned) or (sentence.rstrip().endswith("?")
                                                          and _ADVICE_QUESTION.search(cleaned))):
        return set()
    anchors = _broad_anchors(cleaned)
    if _BROAD_IMPLICIT_FIRST.search(cleaned) and not sentence.rstrip().endswith("?"):
        anchors.append((0, 0))
    if not anchors:
        return set()
    found = set()
    if _CHILD_NAMED.search(cleaned) and _CHILD_CONTEXT.search(cleaned):
        found.add("minors")
    for category, pattern in _BROAD.items():
        for term in islice(pattern.finditer(cleaned), MAX_MATCHES):
            if category in ("politics", "union") and _PUBLIC_ROLE.search(cleaned) and not _LOCAL_ROLE.search(cleaned):
                break
            if any(_anchors_term(cleaned, anchor, term.span()) for anchor in anchors):
                found.add(category)
                break
    return found


def _anchors_term(sentence: str, anchor: tuple[int, int], term: tuple[int, int]) -> bool:
    """Whether the anchor stands close to the term, with no other subject taking over in between."""
    if anchor[0] < term[1] and term[0] < anchor[1]:  # "Black Lives", "Labour Party" name no person
        return False
    if anchor[1] <= term[0]:
        return term[0] - anchor[1] <= BROAD_BEFORE and _OTHER_SUBJECT.search(sentence, anchor[1], term[0]) is None
    return anchor[0] - term[1] <= BROAD_AFTER


def find(text: str, language: str | None = None, threshold: float | None = MODEL_THRESHOLD) -> list[Finding]:
    """Sentences and passages of `text` that disclose special-category data about an identifiable person.

    The rules name the disclosing sentences; the trained model then reads each passage (a few sentences of a
    paragraph, in Latin script) that the rules left alone. `threshold` is the model's
    probability from which a passage is refused; None leaves the model out. The rules try French and English
    whatever `language` says; the model reads pages declared French or English, or undeclared.
    """
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_CHARS]
    findings = _rule_findings(text)
    if threshold is None or (language or "en")[:2].lower() not in MODEL_LANGUAGES:
        return findings
    flagged = [(f.start, f.end) for f in findings]
    spans = [
        (begin, end) for begin, end in _model.passages(text, _sentences)
        if not any(start < end and begin < finish for start, finish in flagged) and _latin(text[begin:end])
    ]
    for (begin, end), category in zip(spans, _model.classify((text[b:e] for b, e in spans), threshold)):
        if category is not None:
            findings.append(Finding(category, begin, end))
    return sorted(findings, key=lambda f: (f.start, _PRIORITY[f.category]))


def _latin(passage: str) -> bool:
    """Whether most letters of the passage are Latin: the model was trained on French and English only."""
    letters = [character for character in passage[:400] if character.isalpha()]
    return bool(letters) and sum(character < "\u0250" for character in letters) >= 0.8 * len(letters)


def _rule_findings(text: str) -> list[Finding]:
    """The sentences the lexicon rules find disclosing."""
    findings, broad_budget = [], BROAD_MAX_CHARS
    for begin, end in _sentences(text):
        sentence = text[begin:end]
        categories = set()
        for category in _candidates(sentence):
            matches = islice(_PATTERNS[category].finditer(sentence), MAX_MATCHES)
            if any(_discloses(category, sentence, m.start(), m.end()) for m in matches):
                categories.add(category)
        if broad_budget > 0:
            broad_budget -= len(sentence)
            categories |= _broad_categories(sentence)
        findings.extend(Finding(category, begin, end) for category in sorted(categories, key=_PRIORITY.__getitem__))
    return findings


def load_model() -> None:
    """Load the trained passage classifier now; raises ModelMissing when it is not installed."""
    _model.load()


def check_document(text: str, language: str | None = None, threshold: float | None = MODEL_THRESHOLD) -> Decision:
    """Refuse ("sensitive", category of the first disclosing sentence) a text that discloses; allow the rest."""
    findings = find(text, language, threshold)
    return refuse("sensitive", findings[0].category) if findings else ALLOW


def redact(text: str, findings: list[Finding]) -> str:
    """The text without the disclosing sentences, the rest left as it was."""
    kept, position = [], 0
    for start, end in sorted({(f.start, f.end) for f in findings}):
        if start < position:
            start = position
        kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    return "".join(kept)
